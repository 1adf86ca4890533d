package cmd

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	cosmosproto "github.com/cosmos/cosmos-proto"
	"github.com/cosmos/gogoproto/proto"
	"github.com/spf13/cobra"
	protov2 "google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"

	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// coinName is the protobuf message of a single amount.
const coinName protoreflect.FullName = "cosmos.base.v1beta1.Coin"

var (
	// AutoCLI parses positional arguments as flags named by their index; pflag then reports
	// `invalid argument "abc" for "--0" flag: ...`.
	positionalErr = regexp.MustCompile(`(?s)^invalid argument (".*") for "--(\d+)" flag: (.*)$`)
	// A negative amount or number looks like a shorthand flag to pflag.
	negativeArg = regexp.MustCompile(`^unknown shorthand flag: '\d' in (-\d\S*)$`)
	// amountFormat is a whole number followed by a denom, such as 100stake.
	amountFormat = regexp.MustCompile(`^(\d+)([a-zA-Z][a-zA-Z0-9/:._-]{2,127})$`)
)

// clarifyArgs makes the commands AutoCLI generated explain bad arguments in the user's terms:
// each positional argument is named as in the command's usage, amounts are checked before
// anything else happens, and a negative amount is not mistaken for an unknown flag.
func clarifyArgs(root *cobra.Command, moduleOptions map[string]*autocliv1.ModuleOptions) error {
	root.SetFlagErrorFunc(explainNegative)
	for module, opts := range moduleOptions {
		if opts == nil {
			continue
		}
		for group, desc := range map[string]*autocliv1.ServiceCommandDescriptor{"tx": opts.Tx, "query": opts.Query} {
			if err := clarifyService(subcommand(root, group, module), desc); err != nil {
				return fmt.Errorf("%s %s: %w", group, module, err)
			}
		}
	}
	return nil
}

// explainNegative turns pflag's "unknown shorthand flag: '5' in -5stake" into a clear error.
func explainNegative(_ *cobra.Command, err error) error {
	if m := negativeArg.FindStringSubmatch(err.Error()); m != nil {
		return fmt.Errorf("%s is not a valid argument: amounts and numbers must be positive", m[1])
	}
	return err
}

// subcommand finds the command at path under parent, or nil.
func subcommand(parent *cobra.Command, path ...string) *cobra.Command {
	for _, name := range path {
		if parent == nil {
			return nil
		}
		var next *cobra.Command
		for _, c := range parent.Commands() {
			if c.Name() == name {
				next = c
			}
		}
		parent = next
	}
	return parent
}

// clarifyService wraps the generated commands of one service (and its nested services).
func clarifyService(parent *cobra.Command, desc *autocliv1.ServiceCommandDescriptor) error {
	if parent == nil || desc == nil {
		return nil
	}
	for name, sub := range desc.SubCommands {
		if err := clarifyService(subcommand(parent, name), sub); err != nil {
			return err
		}
	}
	if desc.Service == "" {
		return nil
	}
	found, err := proto.HybridResolver.FindDescriptorByName(protoreflect.FullName(desc.Service))
	if err != nil {
		return err
	}
	service, ok := found.(protoreflect.ServiceDescriptor)
	if !ok {
		return fmt.Errorf("%s is not a service", desc.Service)
	}
	for _, opts := range desc.RpcCommandOptions {
		if opts.Skip || len(opts.PositionalArgs) == 0 {
			continue
		}
		method := service.Methods().ByName(protoreflect.Name(opts.RpcMethod))
		cmd := subcommand(parent, commandName(opts))
		if method == nil || cmd == nil || cmd.Args == nil || cmd.RunE == nil {
			continue
		}
		clarifyCommand(cmd, describeArgs(opts, method.Input()))
	}
	return nil
}

// commandName is the name AutoCLI gives the command of opts: the first word of its usage line.
// Commands without one are left as AutoCLI made them.
func commandName(opts *autocliv1.RpcCommandOptions) string {
	if words := strings.Fields(opts.Use); len(words) > 0 {
		return words[0]
	}
	return ""
}

// positional is one positional argument of a generated command.
type positional struct {
	name      string // as the command's usage line shows it
	amount    bool   // a single coin
	validator bool   // a validator operator address
}

// describeArgs names each positional argument after the command's usage line (or its field) and
// marks the amounts.
func describeArgs(opts *autocliv1.RpcCommandOptions, input protoreflect.MessageDescriptor) []positional {
	shown := strings.Fields(opts.Use)
	args := make([]positional, len(opts.PositionalArgs))
	for i, arg := range opts.PositionalArgs {
		args[i].name = strings.ReplaceAll(arg.ProtoField, "_", "-")
		if i+1 < len(shown) {
			args[i].name = strings.Trim(shown[i+1], "[]<>.")
		}
		field := input.Fields().ByName(protoreflect.Name(arg.ProtoField))
		if field == nil {
			continue
		}
		args[i].amount = !field.IsList() && field.Message() != nil && field.Message().FullName() == coinName
		args[i].validator = protov2.GetExtension(field.Options(), cosmosproto.E_Scalar) == "cosmos.ValidatorAddressString"
	}
	return args
}

// clarifyCommand checks amounts before the command runs and names the argument in AutoCLI's
// parse errors.
func clarifyCommand(cmd *cobra.Command, args []positional) {
	arity, run := cmd.Args, cmd.RunE
	cmd.Args = func(c *cobra.Command, values []string) error {
		if err := arity(c, values); err != nil {
			return fmt.Errorf("%w; usage: %s", err, c.UseLine())
		}
		for i, value := range values {
			if i < len(args) && args[i].amount {
				if err := checkAmount(args[i].name, value); err != nil {
					return err
				}
			}
		}
		return nil
	}
	cmd.RunE = func(c *cobra.Command, values []string) error {
		return nameArgument(run(c, values), args)
	}
}

// checkAmount accepts one positive whole amount with a valid denom, such as 100stake.
func checkAmount(name, value string) error {
	m := amountFormat.FindStringSubmatch(value)
	if m == nil {
		return fmt.Errorf("invalid %s %q: want a whole number followed by a denom, such as 100stake", name, value)
	}
	amount, ok := math.NewIntFromString(m[1])
	if !ok || !amount.IsPositive() {
		return fmt.Errorf("invalid %s %q: must be positive", name, value)
	}
	if err := sdk.ValidateDenom(m[2]); err != nil {
		return fmt.Errorf("invalid %s %q: %w", name, value, err)
	}
	return nil
}

// nameArgument rewrites `invalid argument "x" for "--1" flag: why` as `invalid validator "x": why`.
func nameArgument(err error, args []positional) error {
	if err == nil {
		return nil
	}
	m := positionalErr.FindStringSubmatch(err.Error())
	if m == nil || len(args) == 0 {
		return err
	}
	i := 0
	if _, scanErr := fmt.Sscan(m[2], &i); scanErr != nil {
		return err
	}
	if i >= len(args) {
		i = len(args) - 1 // the varargs argument
	}
	why := m[3]
	if args[i].validator {
		why = strings.Replace(why, "invalid account address or key name", "want a validator operator address", 1)
	}
	return errors.New("invalid " + args[i].name + " " + m[1] + ": " + why)
}
