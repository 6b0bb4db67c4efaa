using System.CommandLine;
using System.CommandLine.Invocation;

namespace CryptoDigest.Host;

/// <summary>
/// <c>--help</c>, <c>-h</c> and <c>help</c>: our usage text (the README's verb table in short), in place of
/// System.CommandLine's generated help, so the words operators and scripts know stay the same.
/// </summary>
internal sealed class UsageAction(string usage, TextWriter output) : SynchronousCommandLineAction
{
    public override bool ClearsParseErrors => true;

    public override int Invoke(ParseResult parseResult)
    {
        output.WriteLine(usage);
        return HostCommandLine.Ok;
    }

    /// <summary>Gives <paramref name="command"/> the option --help (-h) and the sub-verb help, both printing <paramref name="usage"/>.</summary>
    public static void AddTo(Command command, string usage, TextWriter output)
    {
        var action = new UsageAction(usage, output);
        command.Options.Add(new Option<bool>("--help", "-h") { Arity = ArgumentArity.Zero, Action = action });
        var help = new Command("help") { TreatUnmatchedTokensAsErrors = false };
        help.SetAction(action.Invoke);
        command.Subcommands.Add(help);
    }
}
