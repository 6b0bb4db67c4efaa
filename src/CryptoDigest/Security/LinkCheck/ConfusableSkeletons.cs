using System.Globalization;
using System.Text;

namespace CryptoDigest.Security.LinkCheck;

/// <summary>
/// UTS #39 skeletons over the bundled confusables data (docs/link-check.md): two labels that look
/// alike ("binаnce" with a Cyrillic "а", "rnetamask") get the same skeleton. Domain names are
/// compared in lower case and, for lookalikes, with accents removed as well.
/// </summary>
public sealed class ConfusableSkeletons
{
    internal const string ResourceName = "CryptoDigest.Security.LinkCheck.Data.confusables.txt";

    private readonly Dictionary<int, string> prototypes;
    private readonly Dictionary<int, string> names;

    private ConfusableSkeletons(Dictionary<int, string> prototypes, Dictionary<int, string> names)
    {
        this.prototypes = prototypes;
        this.names = names;
    }

    public int Count => prototypes.Count;

    /// <summary>The bundled data (derived from Unicode's confusables.txt).</summary>
    public static ConfusableSkeletons LoadEmbedded()
    {
        using var stream = typeof(ConfusableSkeletons).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Parse(reader);
    }

    /// <summary>Reads lines of the form "source ; prototype code points ; type # name".</summary>
    public static ConfusableSkeletons Parse(TextReader reader)
    {
        var prototypes = new Dictionary<int, string>();
        var names = new Dictionary<int, string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var hash = line.IndexOf('#', StringComparison.Ordinal);
            var fields = (hash >= 0 ? line[..hash] : line).Split(';', StringSplitOptions.TrimEntries);
            if (fields.Length < 2 || !int.TryParse(fields[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var source))
            {
                continue;
            }

            var target = new StringBuilder();
            foreach (var hex in fields[1].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                target.Append(char.ConvertFromUtf32(int.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
            }

            prototypes[source] = target.ToString();
            if (hash >= 0 && line[(hash + 1)..].Trim() is { Length: > 0 } name)
            {
                names[source] = name;
            }
        }

        return new ConfusableSkeletons(prototypes, names);
    }

    /// <summary>skeleton(X) = NFD(map(NFD(X))), lower-cased (domain names have no case), repeated until stable.</summary>
    public string Skeleton(string text)
    {
        var current = text;
        for (var round = 0; round < 4; round++)
        {
            var next = MapOnce(current.Normalize(NormalizationForm.FormD)).Normalize(NormalizationForm.FormD).ToLowerInvariant();
            if (next == current)
            {
                break;
            }

            current = next;
        }

        return current;
    }

    /// <summary>The skeleton with accents and other combining marks removed ("bïnance" and "binance" meet here).</summary>
    public string LooseSkeleton(string text)
    {
        var skeleton = Skeleton(text);
        var builder = new StringBuilder(skeleton.Length);
        foreach (var c in skeleton)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) is not (UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format))
            {
                builder.Append(c);
            }
        }

        return Skeleton(builder.ToString());
    }

    /// <summary>The Unicode name of a confusable character, when the data names it.</summary>
    public string? NameOf(int codePoint) => names.GetValueOrDefault(codePoint);

    private string MapOnce(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (prototypes.TryGetValue(rune.Value, out var prototype))
            {
                builder.Append(prototype);
            }
            else
            {
                builder.Append(rune.ToString());
            }
        }

        return builder.ToString();
    }
}
