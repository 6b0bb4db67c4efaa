namespace CryptoDigest.Knowledge;

/// <summary>
/// Reads the curated knowledge files: every <c>## Title</c> starts a passage, followed by a
/// <c>Source:</c> line and a <c>Keywords:</c> line, then the body up to the next heading.
/// The format is plain markdown so the texts can be reviewed and edited like prose.
/// </summary>
public static class KnowledgeTextParser
{
    public static IReadOnlyList<KnowledgePassage> Parse(KnowledgeTopic topic, string text, string fileName)
    {
        var passages = new List<KnowledgePassage>();
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var i = 0;
        while (i < lines.Length)
        {
            if (!lines[i].StartsWith("## ", StringComparison.Ordinal))
            {
                i++;
                continue;
            }

            var title = lines[i][3..].Trim();
            var headingLine = i + 1;
            i++;
            var source = ReadField(lines, ref i, "Source:", fileName, headingLine);
            var keywords = ReadField(lines, ref i, "Keywords:", fileName, headingLine)
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

            var body = new List<string>();
            while (i < lines.Length && !lines[i].StartsWith("## ", StringComparison.Ordinal))
            {
                body.Add(lines[i]);
                i++;
            }

            var bodyText = string.Join('\n', body).Trim();
            if (bodyText.Length == 0)
            {
                throw new FormatException($"{fileName}:{headingLine}: passage '{title}' has no body.");
            }

            passages.Add(new KnowledgePassage(topic, title, source, keywords, bodyText));
        }

        return passages;
    }

    private static string ReadField(string[] lines, ref int i, string prefix, string fileName, int headingLine)
    {
        if (i >= lines.Length || !lines[i].StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException($"{fileName}:{headingLine}: expected a '{prefix}' line after the heading.");
        }

        var value = lines[i][prefix.Length..].Trim();
        i++;
        return value;
    }
}
