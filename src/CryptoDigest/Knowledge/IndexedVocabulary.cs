using System.Collections.Concurrent;

namespace CryptoDigest.Knowledge;

/// <summary>
/// The words of every indexed passage the bot answers from (the curated knowledge base, the newsletter archive),
/// as written and stemmed, kept per corpus and replaced whole when a corpus is read again. A word of a question
/// found in none of them, and common in no list, is taken for a name (<see cref="NameWords"/>).
/// </summary>
public sealed class IndexedVocabulary
{
    private readonly ConcurrentDictionary<string, IReadOnlySet<string>> _corpora = new(StringComparer.Ordinal);

    /// <summary>Replaces the words of one corpus ("knowledge", "archive").</summary>
    public void Set(string corpus, IReadOnlySet<string> words) => _corpora[corpus] = words;

    /// <summary>Whether a passage of any corpus holds the word, or a word of the same stem.</summary>
    public bool Contains(string word)
    {
        var stem = TextTokenizer.Stem(word);
        return _corpora.Values.Any(c => c.Contains(word) || c.Contains(stem));
    }

    /// <summary>Whether the word is one slip of the keyboard (a letter added, dropped, changed or two swapped) from a word of a passage, or two from a long one (<see cref="NameWords.IsTwoSlipsApart"/>).</summary>
    public bool ContainsNear(string word) => ContainsNear(word, _ => true);

    /// <summary>As <see cref="ContainsNear(string)"/>, counting only the passages' words that <paramref name="counts"/> accepts.</summary>
    public bool ContainsNear(string word, Func<string, bool> counts) =>
        _corpora.Values.Any(c => c.Any(known => NameWords.IsMistypedFor(word, known) && counts(known)));

    /// <summary>The lower-case words of the texts and their stems, for <see cref="Set"/>.</summary>
    public static HashSet<string> Of(IEnumerable<string> texts)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            foreach (var word in NameWords.Words(text))
            {
                words.Add(word);
                words.Add(TextTokenizer.Stem(word));
            }
        }

        return words;
    }
}
