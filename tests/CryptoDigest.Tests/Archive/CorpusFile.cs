namespace CryptoDigest.Tests.Archive;

/// <summary>
/// Reads a test corpus of newsletter issues (Corpora/*.txt): '#' lines are comments; each issue opens with
/// "=== id | source | title | days ago" and its paragraphs follow, separated by blank lines.
/// </summary>
public static class CorpusFile
{
    public static IReadOnlyList<CorpusArticle> Read(string name)
    {
        var articles = new List<CorpusArticle>();
        string[]? header = null;
        var paragraphs = new List<string>();
        foreach (var line in File.ReadAllLines(RepositoryFiles.Find($"tests/CryptoDigest.Tests/Archive/Corpora/{name}.txt")))
        {
            if (line.StartsWith("===", StringComparison.Ordinal))
            {
                Add(articles, header, paragraphs);
                header = line[3..].Split('|', StringSplitOptions.TrimEntries);
                if (header.Length != 4)
                {
                    throw new FormatException($"An issue opens with \"=== id | source | title | days ago\": {line}");
                }
            }
            else if (header is not null && line.Trim().Length > 0 && !line.StartsWith('#'))
            {
                paragraphs.Add(line.Trim());
            }
        }

        Add(articles, header, paragraphs);
        return articles;
    }

    private static void Add(List<CorpusArticle> articles, string[]? header, List<string> paragraphs)
    {
        if (header is null)
        {
            return;
        }

        // Clean text as the ingest stores it: one paragraph a line.
        articles.Add(new CorpusArticle(long.Parse(header[0]), header[1], header[2], string.Join('\n', paragraphs), int.Parse(header[3])));
        paragraphs.Clear();
    }
}
