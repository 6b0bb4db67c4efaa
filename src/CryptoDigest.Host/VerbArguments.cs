using System.CommandLine;
using System.CommandLine.Parsing;

namespace CryptoDigest.Host;

/// <summary>
/// What the verbs share when reading their arguments: the settings that may follow any verb as
/// <c>--Section:Key=value</c> (handed to the configuration, never read as the verb's own), and options
/// that take one value and name themselves when it is missing.
/// </summary>
internal static class VerbArguments
{
    /// <summary>A setting names a key with its section, so it holds a colon; a verb's own options never do.</summary>
    public static bool IsSetting(string token) =>
        token.StartsWith("--", StringComparison.Ordinal) && token.Contains(':', StringComparison.Ordinal);

    /// <summary>Splits the tokens a verb did not take as options into settings and the verb's own operands.</summary>
    public static (string[] Settings, string[] Operands) SplitSettings(IEnumerable<string> tokens)
    {
        var all = tokens.ToList();
        return ([.. all.Where(IsSetting)], [.. all.Where(t => !IsSetting(t))]);
    }

    /// <summary>
    /// An option with one value read by <paramref name="read"/> (which may add its own error to the result).
    /// Without a value, or when the next token is another option, the error is <paramref name="missing"/>:
    /// an option's value never starts with "--".
    /// </summary>
    public static Option<T?> ValueOption<T>(string name, string missing, Func<string, ArgumentResult, T?> read) => new(name)
    {
        Arity = ArgumentArity.ZeroOrOne,
        CustomParser = result =>
        {
            if (result.Tokens is not [var token] || token.Value.StartsWith("--", StringComparison.Ordinal))
            {
                result.AddError(missing);
                return default;
            }

            return read(token.Value, result);
        },
    };
}
