using CryptoDigest.Knowledge;

namespace CryptoDigest.Tests.Knowledge;

/// <summary>
/// Plain member questions about the facts of the five reference articles, each with the passage
/// that answers it. Written in members' words, not the passages' (few share a title's wording),
/// so the set measures whether retrieval generalizes. The score is reported in docs/knowledge-retrieval.md.
/// </summary>
public class RetrievalQuestionSetTests
{
    private const string Indices = "indices";
    private const string Security = "security";

    public static TheoryData<string, string, string> Questions => new()
    {
        // Market cap weighting vs equal weight (Token Metrics).
        { "how are coins weighted by market value in an index", Indices, "What is market cap weighting?" },
        { "what does it mean when every coin gets the same share of the fund", Indices, "What is equal weighting?" },
        { "which weighting wins when the market swings wildly", Indices, "Market cap vs equal weight: which does better in volatile markets?" },
        { "why does an equally weighted basket get hit harder when prices collapse", Indices, "Why can equal-weighted crypto indices lose more in a crash?" },
        { "why is it expensive to buy tiny altcoins with thin order books", Indices, "Liquidity and slippage: why small-cap coins are costly to trade" },
        { "how much of a top 100 index ends up in bitcoin and ether", Indices, "Concentration risk: how much Bitcoin and Ethereum is in a cap-weighted index?" },
        { "is there any case where giving every coin the same weight is the better choice", Indices, "When does equal weighting make sense?" },
        { "is equal weight less risky since it spreads money out", Indices, "Is an equal-weighted index safer, riskier or more diversified?" },
        { "why hold a hundred coins rather than just the ten biggest", Indices, "Why a Top 100 index instead of a Top 10?" },
        { "how frequently do index weights get reset", Indices, "How often is a crypto index rebalanced?" },
        { "why does an equal weight fund cost so much in fees and turnover", Indices, "Why is equal weighting expensive to run? Turnover and trading costs" },
        { "how does a token get kicked out of an index", Indices, "How do coins get added to or removed from an index?" },
        { "what is a sharpe ratio", Indices, "What is the Sharpe ratio and risk-adjusted return?" },
        { "what does switching between risk-on and risk-off mean for an index", Indices, "What is regime switching in a crypto index?" },
        { "what is a crypto index anyway", Indices, "What is a crypto index?" },
        { "what should I look at before picking an index product", Indices, "How to choose a crypto index" },

        // Bear markets (Token Metrics).
        { "how far did bitcoin fall from the 2021 high to the 2022 low", Indices, "What happened in the 2021–2022 crypto bear market?" },
        { "what share of altcoins never come back after a crypto winter", Indices, "Survivorship: how many coins die in a bear market?" },
        { "how long do downturns usually last and how deep do they go", Indices, "How long and how deep are crypto bear markets?" },
        { "what causes crypto winters", Indices, "Why do crypto bear markets happen?" },
        { "what are the stages a bear market goes through", Indices, "What are the phases of a crypto bear market?" },
        { "how can I tell the market is near its peak and how much profit should I take", Indices, "Signs of a market top and what to do about them" },
        { "what should I do when everyone is panicking and prices are down 60 percent", Indices, "What to do during capitulation (the mid-bear phase)" },
        { "is buying a fixed amount every month a good idea in a downturn", Indices, "What is dollar-cost averaging (DCA) in a bear market?" },
        { "should I park my money in usdc during a bear market", Indices, "Should I move to stablecoins or cash in a bear market?" },
        { "should I dump all my coins after a crash", Indices, "Should I sell everything in a crypto crash?" },
        { "how many years until prices get back to where they were", Indices, "How long does crypto take to recover from a bear market?" },
        { "how big should my crypto position be and should I keep an emergency fund", Indices, "Risk management and position sizing before a bear market" },
        { "how did the token metrics value index do in the last bear market", Indices, "Token Metrics index performance claims in the bear market" },
        { "do altcoins protect me when bitcoin drops since they all move together", Indices, "Does diversification work in a crypto crash?" },

        // Is Bitcoin safe? (Token Metrics).
        { "how many bitcoins will ever exist", Security, "How many bitcoins will ever exist? The 21 million supply cap" },
        { "is there a maximum number of bitcoin", Security, "How many bitcoins will ever exist? The 21 million supply cap" },
        { "what happens when all the bitcoin has been mined", Security, "How many bitcoins will ever exist? The 21 million supply cap" },
        { "are bitcoin transactions reversible", Security, "Can a crypto transaction be reversed?" },
        { "I sent btc to the wrong address, can I get it back", Security, "Can a crypto transaction be reversed?" },
        { "could someone with most of the mining power rewrite the chain", Security, "What is a 51% attack?" },
        { "will quantum computers crack bitcoin", Security, "Can quantum computers break Bitcoin?" },
        { "can people see who I am from my bitcoin address", Security, "Is Bitcoin anonymous? Privacy and tracking" },
        { "could a government outlaw bitcoin", Security, "Regulatory risk: can governments ban Bitcoin?" },
        { "what drives bitcoin's price up and down", Security, "What moves the price of Bitcoin?" },
        { "how does mining keep the bitcoin ledger from being tampered with", Security, "How is the Bitcoin network secured? (proof of work)" },
        { "is a ledger or trezor device worth it", Security, "Hardware wallets: are they safe?" },

        // Crypto security guide (Token Metrics).
        { "how did mt gox lose its customers' bitcoin", Security, "Mt. Gox hack (2014): what happened?" },
        { "what was stolen in the coincheck theft", Security, "Coincheck hack (2018): what happened?" },
        { "how much did hackers take from binance in 2019", Security, "Binance hack (2019): what happened?" },
        { "difference between keeping coins online and offline storage", Security, "Hot wallet vs cold wallet: what is the difference?" },
        { "where should I write down my 24 words", Security, "Seed phrase (recovery phrase): what is it and how do I back it up?" },
        { "what exactly is a private key", Security, "What is a private key?" },
        { "should I leave my coins on the exchange or withdraw them", Security, "Custodial vs self-custody: \"not your keys, not your coins\"" },
        { "is an authenticator app better than text message codes", Security, "Two-factor authentication (2FA): authenticator app vs SMS" },
        { "someone moved my phone number to their sim, what is that", Security, "What is a SIM swap attack?" },
        { "how do I spot a fake website pretending to be my exchange", Security, "What is phishing? Fake websites, lookalike domains and fake support" },
        { "what is the cryptocurrency security standard", Security, "What is the CCSS (CryptoCurrency Security Standard)?" },
        { "what is a wallet that needs several keys to sign", Security, "Multisig (multi-signature) wallets" },
        { "my crypto got stolen what now", Security, "I got hacked: what should I do if my crypto is stolen?" },
        { "are phone wallet apps safe", Security, "Are mobile wallets safe?" },
        { "which exchanges are the most secure", Security, "How to choose a secure crypto exchange" },
        { "how do I stay informed about new scams and threats", Security, "How do I keep up with crypto security threats?" },
        { "is a free token giveaway on twitter legit", Security, "Airdrop, giveaway and fake token scams" },
        { "why does crypto security matter so much", Security, "Why is crypto security important?" },
    };

    /// <summary>
    /// A second set, written after the first was answered in full and before the generic fixes that
    /// followed (stemming of doubled consonants, title cosine, keyword phrases, question form): it
    /// scored 23 of 30 then. It is held to the 95 % goal as a whole rather than question by question.
    /// </summary>
    public static TheoryData<string, string, string> SecondSet => new()
    {
        { "what is the total supply of bitcoin", "security", "How many bitcoins will ever exist? The 21 million supply cap" },
        { "is the number of btc capped", "security", "How many bitcoins will ever exist? The 21 million supply cap" },
        { "can a bitcoin payment be cancelled after it is sent", "security", "Can a crypto transaction be reversed?" },
        { "can I get a refund on a crypto payment", "security", "Can a crypto transaction be reversed?" },
        { "is it safer to keep my coins in my own wallet than on an exchange", "security", "Custodial vs self-custody: \"not your keys, not your coins\"" },
        { "what does not your keys not your coins mean", "security", "Custodial vs self-custody: \"not your keys, not your coins\"" },
        { "who controls my crypto when it sits on coinbase", "security", "Custodial vs self-custody: \"not your keys, not your coins\"" },
        { "can bitcoin be hacked", "security", "Is Bitcoin safe?" },
        { "is sms two factor safe", "security", "Two-factor authentication (2FA): authenticator app vs SMS" },
        { "how do scammers steal seed phrases with fake sites", "security", "What is phishing? Fake websites, lookalike domains and fake support" },
        { "what is cold storage", "security", "Hot wallet vs cold wallet: what is the difference?" },
        { "is my money insured if the exchange goes bust", "security", "Is my crypto insured on an exchange?" },
        { "what happened to the 850000 bitcoin at mt gox", "security", "Mt. Gox hack (2014): what happened?" },
        { "is bitcoin private", "security", "Is Bitcoin anonymous? Privacy and tracking" },
        { "how does halving affect price", "security", "What moves the price of Bitcoin?" },
        { "why do bigger coins get more weight in an index", "indices", "What is market cap weighting?" },
        { "what is an equal weight index", "indices", "What is equal weighting?" },
        { "does equal weight or market cap perform better", "indices", "Market cap vs equal weight: which does better in volatile markets?" },
        { "what is slippage", "indices", "Liquidity and slippage: why small-cap coins are costly to trade" },
        { "how much did ethereum drop in 2022", "indices", "What happened in the 2021–2022 crypto bear market?" },
        { "how often does a bear market happen", "indices", "How long and how deep are crypto bear markets?" },
        { "is dca a good strategy", "indices", "What is dollar-cost averaging (DCA) in a bear market?" },
        { "should I take profits at the top", "indices", "Signs of a market top and what to do about them" },
        { "why do most altcoins go to zero", "indices", "Survivorship: how many coins die in a bear market?" },
        { "what does rebalancing cost", "indices", "Why is equal weighting expensive to run? Turnover and trading costs" },
        { "how is a top 100 index different from a top 10", "indices", "Why a Top 100 index instead of a Top 10?" },
        { "what is capitulation", "indices", "What to do during capitulation (the mid-bear phase)" },
        { "is it smart to go to stablecoins when the market turns", "indices", "Should I move to stablecoins or cash in a bear market?" },
        { "how does an index decide which coins to include", "indices", "How do coins get added to or removed from an index?" },
        { "what is the risk of too much bitcoin in an index", "indices", "Concentration risk: how much Bitcoin and Ethereum is in a cap-weighted index?" },
    };

    [Theory]
    [MemberData(nameof(Questions))]
    public void A_member_question_gets_the_passage_that_answers_it_first(string question, string topic, string expected)
    {
        var first = TestServices.Knowledge.Search(question, 1, Topic(topic)).FirstOrDefault()?.Passage.Title;

        Assert.Equal(expected, first);
    }

    [Fact]
    public void The_set_scores_at_least_95_percent_with_and_without_the_topic()
    {
        var questions = Questions.Select(row => ((string)row[0], (string)row[1], (string)row[2])).ToList();

        var byTopic = questions.Count(q => TestServices.Knowledge.Search(q.Item1, 1, Topic(q.Item2)).FirstOrDefault()?.Passage.Title == q.Item3);
        var anyTopic = questions.Count(q => TestServices.Knowledge.Search(q.Item1, 1).FirstOrDefault()?.Passage.Title == q.Item3);

        Assert.True(questions.Count >= 40);
        Assert.True(byTopic >= questions.Count * 0.95, $"{byTopic} of {questions.Count} with the topic");
        Assert.True(anyTopic >= questions.Count * 0.95, $"{anyTopic} of {questions.Count} without the topic");
    }

    [Fact]
    public void The_second_set_scores_at_least_95_percent()
    {
        var questions = SecondSet.Select(row => ((string)row[0], (string)row[1], (string)row[2])).ToList();

        var byTopic = questions.Count(q => TestServices.Knowledge.Search(q.Item1, 1, Topic(q.Item2)).FirstOrDefault()?.Passage.Title == q.Item3);

        Assert.True(byTopic >= questions.Count * 0.95, $"{byTopic} of {questions.Count} with the topic");
    }

    private static KnowledgeTopic Topic(string topic) => topic == Indices ? KnowledgeTopic.Indices : KnowledgeTopic.Security;
}
