// The engine's floor for the CLI benchmarks: an analyzer plugin that answers every Analyzer RPC with
// nothing, written in Go against the same sdk/v3 module as the CLI. Since 3.27x the CLI launches an
// executable given to `--policy-pack` directly (pkg/v3 resource/plugin NewPolicyAnalyzer), so this costs no
// Node process, no language host and no policy proxy: what is left is the engine's own per-resource
// Remediate and Analyze round trips and the AnalyzeStack call.
package main

import (
	"context"
	"fmt"
	"os"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"
)

const packName = "bench-go-noop"

type noopAnalyzer struct {
	pulumirpc.UnimplementedAnalyzerServer
}

func (noopAnalyzer) Analyze(context.Context, *pulumirpc.AnalyzeRequest) (*pulumirpc.AnalyzeResponse, error) {
	return &pulumirpc.AnalyzeResponse{}, nil
}

func (noopAnalyzer) AnalyzeStack(context.Context, *pulumirpc.AnalyzeStackRequest) (*pulumirpc.AnalyzeResponse, error) {
	return &pulumirpc.AnalyzeResponse{}, nil
}

func (noopAnalyzer) Remediate(context.Context, *pulumirpc.AnalyzeRequest) (*pulumirpc.RemediateResponse, error) {
	return &pulumirpc.RemediateResponse{}, nil
}

func (noopAnalyzer) GetAnalyzerInfo(context.Context, *emptypb.Empty) (*pulumirpc.AnalyzerInfo, error) {
	return &pulumirpc.AnalyzerInfo{
		Name:        packName,
		DisplayName: "Benchmark floor: a Go analyzer that does nothing",
		Version:     "0.0.1",
		Policies: []*pulumirpc.PolicyInfo{{
			Name:             "bench-go-noop",
			Description:      "Never reports anything.",
			EnforcementLevel: pulumirpc.EnforcementLevel_ADVISORY,
		}},
	}, nil
}

func (noopAnalyzer) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: "0.0.1"}, nil
}

func (noopAnalyzer) Configure(context.Context, *pulumirpc.ConfigureAnalyzerRequest) (*emptypb.Empty, error) {
	return &emptypb.Empty{}, nil
}

func (noopAnalyzer) Handshake(context.Context, *pulumirpc.AnalyzerHandshakeRequest) (*pulumirpc.AnalyzerHandshakeResponse, error) {
	return &pulumirpc.AnalyzerHandshakeResponse{}, nil
}

func (noopAnalyzer) ConfigureStack(context.Context, *pulumirpc.AnalyzerStackConfigureRequest) (*pulumirpc.AnalyzerStackConfigureResponse, error) {
	return &pulumirpc.AnalyzerStackConfigureResponse{}, nil
}

func (noopAnalyzer) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	return &emptypb.Empty{}, nil
}

func main() {
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterAnalyzerServer(srv, noopAnalyzer{})
			return nil
		},
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "bench-go-noop: %v\n", err)
		os.Exit(1)
	}
	// The engine reads the port from the first line of stdout.
	fmt.Println(handle.Port)
	if err := <-handle.Done; err != nil {
		fmt.Fprintf(os.Stderr, "bench-go-noop: %v\n", err)
		os.Exit(1)
	}
}
