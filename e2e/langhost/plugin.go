package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os/exec"
	"strconv"

	"github.com/pulumi/pulumi/sdk/v3"
	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// RunPlugin runs a plugin written in Node.js: a policy pack (kind "analyzer", through
// @pulumi/pulumi/cmd/run-policy-pack) or a provider directory (through cmd/run-plugin).
// Output is streamed back to the engine, which reads the plugin's port from the first stdout line.
func (h *nodeHost) RunPlugin(req *pulumirpc.RunPluginRequest, server pulumirpc.LanguageRuntime_RunPluginServer) error {
	ctx := server.Context()
	info := req.GetInfo()
	if info == nil {
		return errors.New("RunPluginRequest has no program info")
	}
	dir := info.GetProgramDirectory()
	closer, stdout, stderr, err := rpcutil.MakeRunPluginStreams(server, false)
	if err != nil {
		return err
	}
	defer closer.Close()

	nodeBin, err := exec.LookPath("node")
	if err != nil {
		return fmt.Errorf("could not find node on $PATH: %w", err)
	}
	opts, err := parseNodeOptions(info)
	if err != nil {
		return err
	}
	isPolicyPack := req.GetKind() == string(apitype.AnalyzerPlugin)
	runner := "@pulumi/pulumi/cmd/run-plugin"
	if isPolicyPack {
		runner = "@pulumi/pulumi/cmd/run-policy-pack"
	}
	runPath, err := resolveModule(ctx, nodeBin, dir, runner, "run npm install in "+dir)
	if err != nil {
		return err
	}

	args := append(append([]string{}, opts.nodeArgs...), runPath)
	env := append(append([]string{}, req.GetEnv()...), opts.env()...)
	var proxy *sdk.PolicyProxy
	if isPolicyPack {
		// run-policy-pack wants `<engine address> <pack dir>`, in that order.
		args = append(append(args, req.GetArgs()...), dir)
		// Policy code that calls @pulumi/pulumi's getProject/getStack/Config reads the legacy
		// PULUMI_NODEJS_* and PULUMI_CONFIG variables, but the engine only sends those values later,
		// in ConfigureStack. The SDK's PolicyProxy answers the engine first, hands us that request,
		// then forwards everything else to the pack once it has started with the variables set:
		// what the real host does too.
		proxy, stdout, err = sdk.NewPolicyProxy(ctx, stdout)
		if err != nil {
			return fmt.Errorf("could not start policy pack proxy: %w", err)
		}
		stackCfg, err := proxy.AwaitConfiguration(ctx)
		if err != nil {
			return fmt.Errorf("could not get stack configuration: %w", err)
		}
		stackEnv, err := policyPackEnv(stackCfg)
		if err != nil {
			return err
		}
		env = append(env, stackEnv...)
	} else {
		args = append(append(args, dir), req.GetArgs()...)
	}

	cmd := exec.CommandContext(ctx, nodeBin, args...)
	if isPolicyPack {
		cmd.Dir = dir // policy packs have always run from their own directory
	} else {
		cmd.Dir = req.GetPwd()
	}
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = stdout, stderr

	if err := cmd.Start(); err != nil {
		return fmt.Errorf("could not start node: %w", err)
	}
	if proxy != nil {
		err = proxy.Attach(ctx, cmd)
	} else {
		err = cmd.Wait()
	}
	if err != nil {
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			return fmt.Errorf("plugin exited with non-zero exit code: %d", exitErr.ExitCode())
		}
		return err
	}
	return closer.Close()
}

// policyPackEnv is the environment the legacy policy pack runner used to get from the CLI.
func policyPackEnv(cfg *pulumirpc.AnalyzerStackConfigureRequest) ([]string, error) {
	if cfg == nil {
		return nil, nil // e.g. `pulumi policy analyze` never configures a stack
	}
	var env []string
	add := func(k, v string) {
		if v != "" {
			env = append(env, k+"="+v)
		}
	}
	add("PULUMI_NODEJS_ORGANIZATION", cfg.GetOrganization())
	add("PULUMI_NODEJS_PROJECT", cfg.GetProject())
	add("PULUMI_NODEJS_STACK", cfg.GetStack())
	add("PULUMI_NODEJS_DRY_RUN", strconv.FormatBool(cfg.GetDryRun()))
	if cfg.GetConfig() != nil {
		b, err := json.Marshal(cfg.GetConfig())
		if err != nil {
			return nil, err
		}
		add("PULUMI_CONFIG", string(b))
	}
	return env, nil
}
