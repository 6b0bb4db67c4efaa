namespace CryptoDigest.Tests.Knowledge;

/// <summary>
/// A set of member questions read from QuestionSets/*.txt (the format is in each file's opening comment): the
/// command each is asked with, and the facts its answer must carry, or "uncovered" when the sources do not cover it.
/// </summary>
public sealed record MemberQuestionSet(string Name, IReadOnlyList<MemberQuestion> Questions)
{
    public static MemberQuestionSet Read(string relativePath)
    {
        var questions = File.ReadAllLines(RepositoryFiles.Find(relativePath))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(MemberQuestion.Parse)
            .ToList();
        return new MemberQuestionSet(Path.GetFileNameWithoutExtension(relativePath), questions);
    }

    /// <summary>Each question with whether its answer text passed, and the share that passed.</summary>
    public (double Share, IReadOnlyList<(MemberQuestion Question, bool Passed, string Answer)> Results) Score(Func<MemberQuestion, (string Text, bool Abstained)> answer)
    {
        var results = Questions.Select(q =>
        {
            var (text, abstained) = answer(q);
            return (q, q.Passes(text, abstained), text);
        }).ToList();
        return (results.Count(r => r.Item2) / (double)results.Count, results);
    }
}

/// <summary>One member question: "command | question | fact; fact/alternative" or "... | uncovered".</summary>
public sealed record MemberQuestion(string Command, string Text, IReadOnlyList<string[]> Facts, bool Uncovered)
{
    public static MemberQuestion Parse(string line)
    {
        var parts = line.Split('|', StringSplitOptions.TrimEntries);
        if (parts.Length != 3 || parts[2].Length == 0)
        {
            throw new FormatException($"A question line needs command | question | facts: {line}");
        }

        var uncovered = parts[2] == "uncovered";
        var facts = uncovered ? [] : parts[2].Split(';', StringSplitOptions.TrimEntries).Select(f => f.Split('/', StringSplitOptions.TrimEntries)).ToList();
        return new MemberQuestion(parts[0], parts[1], facts, uncovered);
    }

    /// <summary>An uncovered question passes when the answer abstains; any other when it does not and carries every fact.</summary>
    public bool Passes(string answer, bool abstained) =>
        Uncovered ? abstained : !abstained && Facts.All(f => f.Any(a => answer.Contains(a, StringComparison.OrdinalIgnoreCase)));

    public override string ToString() => $"{Command} | {Text} | {(Uncovered ? "uncovered" : string.Join("; ", Facts.Select(f => string.Join('/', f))))}";
}
