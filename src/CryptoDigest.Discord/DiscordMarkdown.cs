using System.Text;

namespace CryptoDigest.Discord;

/// <summary>
/// Makes untrusted text (newsletter content, questions) show literally in Discord: markdown
/// punctuation is backslash-escaped, so "**" or "[x](y)" cannot restyle or disguise links, and
/// mass mentions are broken with a zero-width space. allowed_mentions with an empty parse list
/// is what actually prevents pings (https://discord.com/developers/docs/resources/message#allowed-mentions-object);
/// this keeps the text from even looking like one.
/// </summary>
public static class DiscordMarkdown
{
    // Discord treats a backslash before any ASCII punctuation as an escape, so escaping more than
    // needed is harmless; "<" also stops <@id>, <@&role> and <#channel> from rendering as mentions.
    private const string Special = "\\*_~`|<>#-[]()";
    private const char ZeroWidthSpace = '\u200B';

    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (Special.Contains(c, StringComparison.Ordinal))
            {
                escaped.Append('\\').Append(c);
            }
            else if (char.IsControl(c) && c is not '\n' and not '\t')
            {
                // Discord strips invalid characters itself; dropping them here keeps lengths honest.
                continue;
            }
            else
            {
                escaped.Append(c);
            }
        }

        return BreakMassMentions(escaped.ToString());
    }

    /// <summary>Inserts a zero-width space after the @ of @everyone and @here.</summary>
    public static string BreakMassMentions(string text) =>
        text.Replace("@everyone", "@" + ZeroWidthSpace + "everyone", StringComparison.OrdinalIgnoreCase)
            .Replace("@here", "@" + ZeroWidthSpace + "here", StringComparison.OrdinalIgnoreCase);
}
