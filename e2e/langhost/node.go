package main

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// nodeOptions are the `runtime.options` of Pulumi.yaml / PulumiPolicy.yaml that this host honours.
type nodeOptions struct {
	typescript   bool
	tsconfigPath string
	nodeArgs     []string
}

func parseNodeOptions(info *pulumirpc.ProgramInfo) (nodeOptions, error) {
	opts := nodeOptions{typescript: true} // same default as the real host
	if info == nil || info.GetOptions() == nil {
		return opts, nil
	}
	raw := info.GetOptions().AsMap()
	if v, ok := raw["typescript"]; ok {
		b, isBool := v.(bool)
		if !isBool {
			return opts, errors.New("runtime option typescript must be a boolean")
		}
		opts.typescript = b
	}
	if v, ok := raw["tsconfig"]; ok {
		s, isString := v.(string)
		if !isString {
			return opts, errors.New("runtime option tsconfig must be a string")
		}
		opts.tsconfigPath = s
	}
	if v, ok := raw["nodeargs"]; ok {
		s, isString := v.(string)
		if !isString {
			return opts, errors.New("runtime option nodeargs must be a string")
		}
		// Whitespace splitting only: quoting in nodeargs is not supported by this stand-in.
		opts.nodeArgs = strings.Fields(s)
	}
	return opts, nil
}

// env returns the variables the Node SDK's runners read for these options.
func (o nodeOptions) env() []string {
	var env []string
	if o.typescript {
		env = append(env, "PULUMI_NODEJS_TYPESCRIPT=true")
	}
	if o.tsconfigPath != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+o.tsconfigPath)
	}
	return env
}

// resolveModule asks node itself to resolve a module from dir, so the runner comes from the same
// @pulumi/pulumi copy the program or pack will load (Node resolution, including workspace hoisting).
func resolveModule(ctx context.Context, nodeBin, dir, module, installHint string) (string, error) {
	script := fmt.Sprintf("try{console.log(require.resolve(%q))}catch(e){"+
		"console.error(e.code==='MODULE_NOT_FOUND'?%q:e.message);process.exit(1)}",
		module, "cannot resolve "+module+" from "+dir+"; "+installHint)
	cmd := exec.CommandContext(ctx, nodeBin, "-e", script)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			return "", errors.New(strings.TrimSpace(string(exitErr.Stderr)))
		}
		return "", err
	}
	return strings.TrimSpace(string(out)), nil
}
