namespace CryptoDigest.Briefs;

/// <summary>One term of a chat's topic filter: a word, phrase (written with hyphens) or coin to keep (+) or drop (-).</summary>
/// <param name="Word">The term as the member wrote it, in lower case, without its sign.</param>
/// <param name="Include">True for +term, false for -term.</param>
/// <param name="Coin">The coin the term names, if it names one: then its symbol, name, id and nicknames all match.</param>
public sealed record TopicTerm(string Word, bool Include, CoinName? Coin)
{
    /// <summary>Whether the item's text (raw, for tickers) or its normalized, space-padded words mention the term.</summary>
    public bool IsIn(string rawText, string paddedWords)
    {
        if (Coin is null)
        {
            return TopicText.ContainsPhrase(paddedWords, Word);
        }

        return TopicText.ContainsTicker(rawText, Coin.Symbol)
            || TopicText.ContainsPhrase(paddedWords, Coin.Name)
            || TopicText.ContainsPhrase(paddedWords, Coin.Id)
            || Coin.Nicknames.Any(n => TopicText.ContainsPhrase(paddedWords, n))
            // What the member typed counts too ("+eth" in a theme or text written in lower case after all).
            || (Word.Length > 3 && TopicText.ContainsPhrase(paddedWords, Word));
    }

    /// <summary>How the term reads in a sentence: a coin by its ticker, a theme by its section name, else as typed.</summary>
    public string Label => Coin?.Symbol ?? ThemeClassifier.ThemeNames.FirstOrDefault(t => TopicText.Normalize(t) == TopicText.Normalize(Word)) ?? Word;

    public override string ToString() => (Include ? "+" : "-") + Word;
}
