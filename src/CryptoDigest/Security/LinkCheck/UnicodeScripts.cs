using System.Text;

namespace CryptoDigest.Security.LinkCheck;

/// <summary>
/// The writing system of a letter, for the scripts lookalike domains borrow from. Ranges follow the
/// Unicode blocks of each script; digits, hyphens and marks are "Common" and never count as a script.
/// </summary>
internal static class UnicodeScripts
{
    public const string Common = "Common";
    public const string Latin = "Latin";

    /// <summary>Scripts whose letters pass for Latin ones; mixing them with Latin in one label is a classic trick.</summary>
    public static readonly IReadOnlySet<string> LatinLookalikeScripts = new HashSet<string> { "Cyrillic", "Greek", "Armenian", "Cherokee", "Coptic", "Georgian", "Lisu" };

    private static readonly (int From, int To, string Script)[] Ranges =
    [
        (0x0041, 0x005A, Latin), (0x0061, 0x007A, Latin), (0x00C0, 0x024F, Latin), (0x0250, 0x02AF, Latin),
        (0x1D00, 0x1D7F, Latin), (0x1E00, 0x1EFF, Latin), (0x2C60, 0x2C7F, Latin), (0xA720, 0xA7FF, Latin), (0xAB30, 0xAB6F, Latin),
        (0xFF21, 0xFF3A, "Fullwidth Latin"), (0xFF41, 0xFF5A, "Fullwidth Latin"),
        (0x0370, 0x03FF, "Greek"), (0x1F00, 0x1FFF, "Greek"),
        (0x0400, 0x052F, "Cyrillic"), (0x1C80, 0x1C8F, "Cyrillic"), (0x2DE0, 0x2DFF, "Cyrillic"), (0xA640, 0xA69F, "Cyrillic"),
        (0x0530, 0x058F, "Armenian"), (0xFB13, 0xFB17, "Armenian"),
        (0x13A0, 0x13FF, "Cherokee"), (0xAB70, 0xABBF, "Cherokee"),
        (0x2C80, 0x2CFF, "Coptic"), (0x10A0, 0x10FF, "Georgian"), (0xA4D0, 0xA4FF, "Lisu"),
        (0x0590, 0x05FF, "Hebrew"), (0x0600, 0x06FF, "Arabic"), (0x0750, 0x077F, "Arabic"),
        (0x0900, 0x097F, "Devanagari"), (0x0E00, 0x0E7F, "Thai"),
        (0x3040, 0x309F, "Hiragana"), (0x30A0, 0x30FF, "Katakana"), (0x4E00, 0x9FFF, "Han"), (0x3400, 0x4DBF, "Han"),
        (0xAC00, 0xD7AF, "Hangul"), (0x1100, 0x11FF, "Hangul"),
        (0x1D400, 0x1D7FF, "Mathematical"),
    ];

    public static string Of(Rune rune)
    {
        if (!Rune.IsLetter(rune))
        {
            return Common;
        }

        foreach (var (from, to, script) in Ranges)
        {
            if (rune.Value >= from && rune.Value <= to)
            {
                return script;
            }
        }

        return "Other";
    }

    /// <summary>The distinct scripts of a label's letters.</summary>
    public static IReadOnlySet<string> In(string label)
    {
        var scripts = new HashSet<string>();
        foreach (var rune in label.EnumerateRunes())
        {
            var script = Of(rune);
            if (script != Common)
            {
                scripts.Add(script);
            }
        }

        return scripts;
    }
}
