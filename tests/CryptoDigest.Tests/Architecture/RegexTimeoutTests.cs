using System.Text.RegularExpressions;

namespace CryptoDigest.Tests.Architecture;

/// <summary>
/// Most of the text our regular expressions read is untrusted (feeds, e-mail, members' messages), so
/// every one of them carries its own match timeout: a pattern that backtracks badly on a hostile input
/// then fails that input instead of holding a worker (docs/hardening.md).
/// </summary>
public class RegexTimeoutTests
{
    [Fact]
    public void Every_regular_expression_in_the_application_has_a_match_timeout()
    {
        var missing = new List<string>();
        var sources = Directory.EnumerateFiles(RepositoryFiles.Find("src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        var count = 0;
        foreach (var file in sources)
        {
            var text = File.ReadAllText(file);
            // An attribute or constructor call up to its closing parenthesis and bracket (patterns may span lines).
            foreach (Match declaration in Regex.Matches(text, @"\[GeneratedRegex\((?:.|\n)*?\)\]|new Regex\((?:.|\n)*?\);", RegexOptions.None, TimeSpan.FromSeconds(5)))
            {
                count++;
                if (!declaration.Value.Contains("matchTimeout", StringComparison.Ordinal) && !declaration.Value.Contains("TimeSpan", StringComparison.Ordinal))
                {
                    missing.Add($"{Path.GetFileName(file)}: {declaration.Value.Split('\n')[0].Trim()}");
                }
            }
        }

        Assert.True(count > 20, $"only {count} regular expressions were found; the scan is broken");
        Assert.True(missing.Count == 0, "regular expressions without a match timeout:\n" + string.Join('\n', missing));
    }
}
