package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// npmPackage is the part of a package.json this host reads.
type npmPackage struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	Pulumi  struct {
		Resource bool   `json:"resource"`
		Name     string `json:"name"`
		Version  string `json:"version"`
		Server   string `json:"server"`
	} `json:"pulumi"`
}

// installedPackage is one package found in a node_modules tree.
type installedPackage struct {
	dir string
	npmPackage
}

// nodeModulesDirs lists node_modules directories Node would search from dir: dir's own, then each
// ancestor's. Programs inside an npm workspace (like our e2e projects) get their packages hoisted to
// the repository root, so looking only in the program directory would miss them.
func nodeModulesDirs(dir string) []string {
	var dirs []string
	for d := filepath.Clean(dir); ; d = filepath.Dir(d) {
		nm := filepath.Join(d, "node_modules")
		if st, err := os.Stat(nm); err == nil && st.IsDir() {
			dirs = append(dirs, nm)
		}
		if filepath.Dir(d) == d {
			return dirs
		}
	}
}

// listInstalled reads every package directly inside a node_modules directory (scoped ones included),
// plus nested node_modules trees of those packages.
func listInstalled(nodeModules string, into *[]installedPackage) error {
	entries, err := os.ReadDir(nodeModules)
	if err != nil {
		return err
	}
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		full := filepath.Join(nodeModules, name)
		if strings.HasPrefix(name, "@") {
			if err := listInstalled(full, into); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
			continue
		}
		b, err := os.ReadFile(filepath.Join(full, "package.json"))
		if err != nil {
			continue // not a package (or a dangling link); npm tolerates these too
		}
		var pkg npmPackage
		if err := json.Unmarshal(b, &pkg); err != nil {
			return fmt.Errorf("parsing %s: %w", filepath.Join(full, "package.json"), err)
		}
		*into = append(*into, installedPackage{dir: full, npmPackage: pkg})
		if nested := filepath.Join(full, "node_modules"); isDir(nested) {
			if err := listInstalled(nested, into); err != nil {
				return err
			}
		}
	}
	return nil
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

// resourcePackages returns the Pulumi resource plugins the program's npm packages declare with
// `"pulumi": {"resource": true}`, one per plugin name and version.
func resourcePackages(programDir string) ([]*pulumirpc.PackageDependency, error) {
	var installed []installedPackage
	for _, nm := range nodeModulesDirs(programDir) {
		if err := listInstalled(nm, &installed); err != nil {
			return nil, err
		}
	}
	seen := map[string]bool{}
	var deps []*pulumirpc.PackageDependency
	for _, p := range installed {
		if !p.Pulumi.Resource {
			continue
		}
		name := p.Pulumi.Name
		if name == "" {
			name = strings.TrimPrefix(strings.TrimPrefix(p.Name, "@pulumi/"), "@")
		}
		v := p.Pulumi.Version
		if v == "" {
			v = p.Version
		}
		if !strings.HasPrefix(v, "v") {
			v = "v" + v
		}
		key := name + "@" + v
		if seen[key] {
			continue
		}
		seen[key] = true
		deps = append(deps, &pulumirpc.PackageDependency{Name: name, Kind: "resource", Version: v, Server: p.Pulumi.Server})
	}
	sort.Slice(deps, func(i, j int) bool { return deps[i].Name+deps[i].Version < deps[j].Name+deps[j].Version })
	return deps, nil
}

func programDir(info *pulumirpc.ProgramInfo) string {
	if info == nil {
		return "."
	}
	return info.GetProgramDirectory()
}

func (h *nodeHost) GetRequiredPackages(
	_ context.Context, req *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	deps, err := resourcePackages(programDir(req.GetInfo()))
	if err != nil {
		return nil, err
	}
	return &pulumirpc.GetRequiredPackagesResponse{Packages: deps}, nil
}

func (h *nodeHost) GetRequiredPlugins(
	_ context.Context, req *pulumirpc.GetRequiredPluginsRequest,
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	deps, err := resourcePackages(programDir(req.GetInfo()))
	if err != nil {
		return nil, err
	}
	plugins := make([]*pulumirpc.PluginDependency, 0, len(deps))
	for _, d := range deps {
		plugins = append(plugins, &pulumirpc.PluginDependency{Name: d.Name, Kind: d.Kind, Version: d.Version, Server: d.Server})
	}
	return &pulumirpc.GetRequiredPluginsResponse{Plugins: plugins}, nil
}

// GetProgramDependencies reports the program's direct npm dependencies (used by `pulumi about`).
func (h *nodeHost) GetProgramDependencies(
	_ context.Context, req *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	dir := programDir(req.GetInfo())
	b, err := os.ReadFile(filepath.Join(dir, "package.json"))
	if err != nil {
		return &pulumirpc.GetProgramDependenciesResponse{}, nil
	}
	var manifest struct {
		Dependencies map[string]string `json:"dependencies"`
	}
	if err := json.Unmarshal(b, &manifest); err != nil {
		return nil, err
	}
	var out []*pulumirpc.DependencyInfo
	for name, want := range manifest.Dependencies {
		out = append(out, &pulumirpc.DependencyInfo{Name: name, Version: want})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return &pulumirpc.GetProgramDependenciesResponse{Dependencies: out}, nil
}
