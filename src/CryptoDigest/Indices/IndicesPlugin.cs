using System.ComponentModel;
using CryptoDigest.Replies;
using CryptoDigest.Knowledge;
using Microsoft.SemanticKernel;

namespace CryptoDigest.Indices;

/// <summary>
/// Kernel functions about crypto indices, all read-only: the curated knowledge (weighting,
/// rebalancing, bear markets) and figures computed from market data (weights, concentration,
/// backtests, drawdowns). A computed answer is always shown as our code wrote it, never retold, and states the
/// window its data covers; a past period the model passes on goes through <see cref="IndexPeriod"/> as a member's would.
/// </summary>
public sealed class IndicesPlugin(KnowledgeSearch search, IndexAnswers answers)
{
    public const string PluginName = "Indices";
    public const string SearchFunction = "search_index_knowledge";
    public const string WeightsFunction = "index_weights";
    public const string ConcentrationFunction = "index_concentration";
    public const string CompareFunction = "index_compare";
    public const string DrawdownFunction = "coin_drawdown";

    [KernelFunction(SearchFunction)]
    [Description("Finds curated passages about crypto indices (market-cap versus equal weighting, top-100 indices, rebalancing, drawdowns and bear markets), each with its source. Read-only.")]
    public KnowledgeAnswer SearchIndexKnowledge(
        [Description("The member's question about crypto indices, in their own words")] string question) =>
        search.Answer(question, KnowledgeTopic.Indices);

    [KernelFunction(WeightsFunction)]
    [Description("Computes today's weights of a top-N crypto index from market caps (stablecoins and wrapped tokens excluded), with the largest weight, HHI and effective number of holdings, and the data's date and source. Use for 'how much of the top 10 is bitcoin' or 'what does a 25 % cap change'. Read-only; the result is shown to the member as computed.")]
    public async Task<ComputedIndexAnswer> WeightsAsync(
        [Description("How many of the largest coins the index holds, 1 to 100; 10 if the member did not say")] int top,
        [Description("Weighting: 'cap' (market cap), 'equal', 'sqrt' (square root of market cap) or 'capped:P' (market cap with no weight above P percent, e.g. capped:25); 'cap' if the member did not say")] string scheme,
        [Description("The past period the member asked about, as they wrote it ('in 2022', 'since March', 'the last bear market'); empty when they asked about now. A past period is never answered with today's figures: the result says what the data covers instead")] string period = "",
        CancellationToken cancellationToken = default) =>
        ComputedIndexAnswer.From(WeightingScheme.TryParse(scheme, out var parsed, out var error)
            ? await answers.AnswerAsync(new IndexQuery(IndexQueryKind.Weights, Math.Clamp(top, 1, IndexQuery.MaxTop), parsed, Period: Period(period)), cancellationToken)
            : ChatReply.Text(char.ToUpperInvariant(error[0]) + error[1..] + "."));

    [KernelFunction(ConcentrationFunction)]
    [Description("Computes how concentrated a cap-weighted top-N crypto index is today: the largest weight, the HHI (sum of squared weights) and the effective number of holdings (1 / HHI), with the weights table and the data's date and source. Read-only; the result is shown to the member as computed.")]
    public async Task<ComputedIndexAnswer> ConcentrationAsync(
        [Description("How many of the largest coins the index holds, 1 to 100; 10 if the member did not say")] int top,
        [Description("The past period the member asked about, as they wrote it ('in 2022', 'since March', 'the last bear market'); empty when they asked about now. A past period is never answered with today's figures: the result says what the data covers instead")] string period = "",
        CancellationToken cancellationToken = default) =>
        ComputedIndexAnswer.From(await answers.AnswerAsync(new IndexQuery(IndexQueryKind.Concentration, Math.Clamp(top, 1, IndexQuery.MaxTop), Period: Period(period)), cancellationToken));

    [KernelFunction(CompareFunction)]
    [Description("Backtests top-N crypto indices on daily market data over a past period: cap-weighted vs equal-weighted vs capped, with bitcoin alone as the benchmark, giving total return, annualized volatility, Sharpe, maximum drawdown and turnover, and a chart. Use for 'what would a top-10 equal-weight index have done over the last year'. Read-only; the result is shown to the member as computed.")]
    public async Task<ComputedIndexAnswer> CompareAsync(
        [Description("How many of the largest coins each index holds, 1 to 100; 10 if the member did not say")] int top,
        [Description("How many days back the backtest starts, 2 to 3650; 365 if the member did not say")] int days,
        [Description("How often the indices are rebalanced: 'weekly', 'monthly' or 'quarterly'; 'monthly' if the member did not say")] string rebalance,
        [Description("The past period the member asked about, as they wrote it ('in 2022', 'since March', 'the last bear market'); empty when they asked about now. A past period is never answered with today's figures: the result says what the data covers instead")] string period = "",
        CancellationToken cancellationToken = default)
    {
        var frequency = Enum.TryParse<RebalanceFrequency>(rebalance, ignoreCase: true, out var parsed) ? parsed : RebalanceFrequency.Monthly;
        return ComputedIndexAnswer.From(await answers.AnswerAsync(
            new IndexQuery(IndexQueryKind.Compare, Math.Clamp(top, 1, IndexQuery.MaxTop), Days: Math.Clamp(days, 2, IndexQuery.MaxDays), Rebalance: frequency, Period: Period(period)),
            cancellationToken));
    }

    [KernelFunction(DrawdownFunction)]
    [Description("Computes how far one coin's price is below its highest daily price over a past period, and its worst drawdown in that period, with dates and the data's source. Use for 'how far is ETH below its peak'. Read-only; the result is shown to the member as computed.")]
    public async Task<ComputedIndexAnswer> DrawdownAsync(
        [Description("The coin's symbol, name or CoinGecko id, e.g. 'eth', 'Ethereum' or 'ethereum'")] string coin,
        [Description("How many days back to look for the peak, 2 to 3650; 365 if the member did not say")] int days,
        [Description("The past period the member asked about, as they wrote it ('in 2022', 'since March', 'the last bear market'); empty when they asked about now. A past period is never answered with today's figures: the result says what the data covers instead")] string period = "",
        CancellationToken cancellationToken = default) =>
        ComputedIndexAnswer.From(await answers.AnswerAsync(new IndexQuery(IndexQueryKind.Drawdown, Days: Math.Clamp(days, 2, IndexQuery.MaxDays), Coin: coin, Period: Period(period)), cancellationToken));

    // The period read by the same rule as a member's question (IndexPeriod), so the model cannot ask for "2022" and get today.
    private static IndexPeriod? Period(string? period) => string.IsNullOrWhiteSpace(period) ? null : IndexPeriod.Find(period);
}
