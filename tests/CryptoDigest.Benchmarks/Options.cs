using System.Globalization;

namespace CryptoDigest.Benchmarks;

/// <summary>`--name value` pairs after the scenario; every name must be one the scenario knows.</summary>
public sealed class Options
{
    private readonly Dictionary<string, string> _values;

    private Options(Dictionary<string, string> values) => _values = values;

    /// <summary>Reads the options; names in <paramref name="flags"/> take no value (e.g. --peer).</summary>
    public static Options Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> known, IReadOnlyCollection<string>? flags = null)
    {
        flags ??= [];
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal) || !(known.Contains(name[2..]) || flags.Contains(name[2..])))
            {
                throw new ArgumentException($"unknown option '{name}'; this scenario takes {string.Join(", ", known.Concat(flags).Select(k => "--" + k))}");
            }

            if (flags.Contains(name[2..]))
            {
                values[name[2..]] = "true";
                continue;
            }

            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"{name} needs a value");
            }

            values[name[2..]] = args[++i];
        }

        return new Options(values);
    }

    /// <summary>Whether a flag (an option without a value) was given.</summary>
    public bool Flag(string name) => _values.ContainsKey(name);

    public string Text(string name, string fallback) => _values.TryGetValue(name, out var text) ? text : fallback;

    public int Int(string name, int fallback, int min, int max)
    {
        if (!_values.TryGetValue(name, out var text))
        {
            return fallback;
        }

        return int.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new ArgumentException($"--{name} must be a whole number from {min} to {max}, not '{text}'");
    }

    public IReadOnlyList<int> Sizes(string name, IReadOnlyList<int> fallback, int min, int max)
    {
        if (!_values.TryGetValue(name, out var text))
        {
            return fallback;
        }

        var sizes = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            sizes.Add(int.TryParse(part.Replace("_", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
                ? value
                : throw new ArgumentException($"--{name} takes comma-separated whole numbers from {min} to {max}, e.g. 1000,10000; not '{text}'"));
        }

        return sizes.Count > 0 ? sizes : throw new ArgumentException($"--{name} needs at least one size");
    }
}
