using CryptoDigest.Replies;

namespace CryptoDigest.Discord;

/// <summary>
/// Renders a <see cref="ChatReply"/> as Discord messages within the documented limits
/// (https://discord.com/developers/docs/resources/message#embed-object-embed-limits): content ≤ 2000,
/// description ≤ 4096, at most 10 embeds and 6000 embed characters per message; longer replies are
/// split across messages. All reply text is escaped as untrusted, and every message carries
/// allowed_mentions with an empty parse list.
/// </summary>
public static class DiscordMessageRenderer
{
    public const int MaxContentLength = 2000;
    public const int MaxDescriptionLength = 4096;
    public const int MaxEmbedsPerMessage = 10;
    public const int MaxEmbedCharactersPerMessage = 6000;
    public const int MaxTitleLength = 256;
    public const int MaxFieldValueLength = 1024;

    // Footer and links are capped well below Discord's 2048 and 25 fields so that one embed with a
    // full 4096-character description still fits the 6000 per message: 256 + 4096 + 1024 + 512 + 5.
    private const int MaxFooterLength = 512;
    private const string LinksFieldName = "Links";
    private const string ChartFileName = "chart.png";
    private const int MaxAttachmentDescriptionLength = 1024;

    public static IReadOnlyList<DiscordMessage> Render(ChatReply reply)
    {
        var messages = RenderText(reply);
        if (reply.Buttons.Count == 0)
        {
            return messages;
        }

        // The buttons go under the last message, where a member finishes reading.
        return [.. messages.Take(messages.Count - 1), messages[^1] with { Components = DiscordComponents.From(reply.Buttons) }];
    }

    private static IReadOnlyList<DiscordMessage> RenderText(ChatReply reply)
    {
        if (reply.Blocks is [{ Heading: null, Citations.Count: 0 } only] && reply.Image is null)
        {
            var content = DiscordMarkdown.Escape(only.Text).Trim();
            if (content.Length is > 0 and <= MaxContentLength)
            {
                return [new DiscordMessage { Content = content }];
            }
        }

        var texts = ReplyTexts.For(reply.Language);
        var embeds = reply.Blocks.SelectMany(b => BlockEmbeds(b, texts)).ToList();
        var messages = embeds.Count == 0 ? [] : Pack(embeds);
        if (reply.Image is { } image)
        {
            // The chart goes last, in a message of its own: the only one that needs a multipart upload.
            var caption = Truncate(image.Caption.Trim(), MaxDescriptionLength);
            messages.Add(new DiscordMessage
            {
                Embeds = [new DiscordEmbed { Description = caption.Length == 0 ? null : DiscordMarkdown.Escape(caption), Image = new DiscordEmbedImage("attachment://" + ChartFileName) }],
                Attachments = [new DiscordAttachment(0, ChartFileName, Truncate(caption, MaxAttachmentDescriptionLength))],
                File = new DiscordFile(ChartFileName, "image/png", image.Png),
            });
        }

        return messages.Count == 0 ? [new DiscordMessage { Content = "(no answer)" }] : messages;
    }

    private static IEnumerable<DiscordEmbed> BlockEmbeds(ReplyBlock block, ReplyTexts texts)
    {
        var title = block.Heading is null ? null : Truncate(DiscordMarkdown.Escape(block.Heading).Trim(), MaxTitleLength);
        // A table goes in a code block, where markdown is inert: only a fence in the text could end it early.
        var chunks = block.Preformatted
            ? Split(block.Text.Replace("```", "'''", StringComparison.Ordinal), MaxDescriptionLength - 8).Select(c => "```\n" + c + "\n```").ToList()
            : Split(DiscordMarkdown.Escape(block.Text), MaxDescriptionLength);
        if (chunks.Count == 0)
        {
            chunks = title is null && block.Citations.Count == 0 ? [] : [string.Empty];
        }

        for (var i = 0; i < chunks.Count; i++)
        {
            var last = i == chunks.Count - 1;
            yield return new DiscordEmbed
            {
                Title = i == 0 ? title : null,
                Description = chunks[i].Length == 0 ? null : chunks[i],
                Fields = last ? LinkFields(block.Citations) : null,
                Footer = last ? Footer(block.Citations, texts) : null,
            };
        }
    }

    // The footer names every source in plain text (footers render no markdown, so it is not escaped).
    private static DiscordEmbedFooter? Footer(IReadOnlyList<Citation> citations, ReplyTexts texts) =>
        citations.Count == 0
            ? null
            : new DiscordEmbedFooter(Truncate(DiscordMarkdown.BreakMassMentions($"{texts[citations.Count == 1 ? "Citation.Source" : "Citation.Sources"]}: " + string.Join(" · ", citations.Select(c => c.Title))), MaxFooterLength));

    // Sources with a web address become masked links, which embeds render; only http(s) links.
    private static List<DiscordEmbedField>? LinkFields(IReadOnlyList<Citation> citations)
    {
        var lines = new List<string>();
        var length = 0;
        foreach (var citation in citations)
        {
            if (citation.Url is not { Scheme: "http" or "https" } url)
            {
                continue;
            }

            var line = $"[{Truncate(DiscordMarkdown.Escape(citation.Title), 200)}]({url.AbsoluteUri.Replace("(", "%28", StringComparison.Ordinal).Replace(")", "%29", StringComparison.Ordinal)})";
            if (length + line.Length + 1 > MaxFieldValueLength)
            {
                break;
            }

            lines.Add(line);
            length += line.Length + 1;
        }

        return lines.Count == 0 ? null : [new DiscordEmbedField(LinksFieldName, string.Join('\n', lines))];
    }

    private static List<DiscordMessage> Pack(List<DiscordEmbed> embeds)
    {
        var messages = new List<DiscordMessage>();
        var current = new List<DiscordEmbed>();
        var length = 0;
        foreach (var embed in embeds)
        {
            if (current.Count > 0 && (current.Count == MaxEmbedsPerMessage || length + embed.Length > MaxEmbedCharactersPerMessage))
            {
                messages.Add(new DiscordMessage { Embeds = current });
                current = [];
                length = 0;
            }

            current.Add(embed);
            length += embed.Length;
        }

        messages.Add(new DiscordMessage { Embeds = current });
        return messages;
    }

    /// <summary>
    /// Splits text into trimmed chunks of at most <paramref name="max"/> characters, preferring paragraph,
    /// then line, then word breaks; never inside a surrogate pair or after a lone escaping backslash.
    /// </summary>
    internal static List<string> Split(string text, int max)
    {
        var chunks = new List<string>();
        var rest = text.Trim();
        while (rest.Length > max)
        {
            var cut = BreakAt(rest, max, "\n\n") ?? BreakAt(rest, max, "\n") ?? BreakAt(rest, max, " ") ?? max;
            while (cut > 1 && (char.IsHighSurrogate(rest[cut - 1]) || EndsWithEscape(rest, cut)))
            {
                cut--;
            }

            chunks.Add(rest[..cut].TrimEnd());
            rest = rest[cut..].TrimStart();
        }

        if (rest.Length > 0)
        {
            chunks.Add(rest);
        }

        return chunks;
    }

    // A break is only worth it in the second half of the window; otherwise cut hard at the limit.
    private static int? BreakAt(string text, int max, string separator)
    {
        var at = text.LastIndexOf(separator, max, StringComparison.Ordinal);
        return at >= max / 2 ? at : null;
    }

    private static bool EndsWithEscape(string text, int end)
    {
        var backslashes = 0;
        for (var i = end - 1; i >= 0 && text[i] == '\\'; i--)
        {
            backslashes++;
        }

        return backslashes % 2 == 1;
    }

    private static string Truncate(string text, int max) =>
        text.Length <= max ? text : Split(text, max - 1)[0] + "…";
}
