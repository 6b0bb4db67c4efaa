using System.Globalization;

namespace CryptoDigest.Benchmarks;

/// <summary>Newsletter-shaped articles, each on its own story, so a brief of K articles has K items.</summary>
public static class Articles
{
    private static readonly (string Title, string Text)[] Stories =
    [
        ("Spot ETF inflows lift bitcoin", "Bitcoin closed the week higher after spot ETF inflows of $1.1 billion. Custodians reported record creations while premiums narrowed."),
        ("Exchange balances reach a six-year low", "Coins held on exchanges fell to 2.3 million BTC. Long-term holders moved supply into cold storage as withdrawals outpaced deposits."),
        ("Miners keep their coins", "Miners sent fewer coins to exchanges than in any week of the year. Hash rate reached a record while revenue per terahash stayed near its low."),
        ("The Fed holds and the dollar slips", "The Federal Reserve held rates steady and the dollar index slipped 1.2%. Bond yields eased as inflation expectations cooled."),
        ("Restaking yields compress", "Restaking yields on EigenLayer fell below 4% as deposits passed $15 billion. Operators cut fees to keep delegations."),
        ("Stablecoin supply expands", "Circulating stablecoins grew by $3 billion, led by USDC on Base and Solana. Treasury-backed issuers gained share from offshore ones."),
        ("Ethereum gas fees at multi-year lows", "Average gas on mainnet fell under two gwei as rollups absorbed activity. Blob space usage rose for the fifth straight week."),
        ("Solana memecoin volumes cool", "Decentralised exchange volume on Solana dropped 30% from its peak. Launchpad revenue followed while priority fees normalised."),
        ("Options market prices a calm December", "Implied volatility for December expiries sank to 45%. Traders sold covered calls and skew flattened across tenors."),
        ("Perpetual funding turns negative", "Funding rates on perpetual swaps dipped below zero on several venues. Open interest shrank as leveraged longs were liquidated."),
        ("Tokenised treasuries pass eight billion", "Tokenised US treasury funds crossed $8 billion in assets. Asset managers added share classes on new chains."),
        ("Lending protocols tighten risk limits", "Aave governance approved a new risk framework for liquid staking collateral. Borrow caps on volatile assets were cut."),
        ("Layer two sequencers decentralise", "Two optimistic rollups announced shared sequencing pilots. Fault proofs went live on a third network."),
        ("Bitcoin layer experiments multiply", "Builders shipped new covenant proposals and sidechain bridges. Ordinals fee share fell as inscription demand faded."),
        ("Regulators finalise stablecoin rules", "European supervisors published final technical standards for stablecoin reserves. Issuers have six months to comply."),
        ("Exchange hack drains hot wallet", "An exchange lost $40 million from a hot wallet after a signing key was compromised. Withdrawals were paused while funds were traced."),
        ("Airdrop season returns", "Three protocols announced token distributions to early users. Sybil filters removed a third of eligible addresses."),
        ("Index rebalancing shifts weights", "Quarterly rebalancing raised the weight of large caps in equal-weighted indices. Turnover costs rose with thinner liquidity."),
        ("Venture funding recovers", "Crypto venture deals rose for a second quarter, led by infrastructure rounds. Seed valuations stayed below their 2021 peak."),
        ("Staking withdrawals queue shortens", "The Ethereum validator exit queue cleared in under a day. Net staking deposits resumed as yields steadied."),
    ];

    /// <summary>Article <paramref name="index"/>: a distinct story (numbered after the first twenty) of about 1,500 characters.</summary>
    public static (string Title, string Text) Make(int index)
    {
        var (title, text) = Stories[index % Stories.Length];
        var round = index / Stories.Length;
        if (round > 0)
        {
            title = string.Create(CultureInfo.InvariantCulture, $"{title} (part {round + 1})");
        }

        // A newsletter issue runs long; the opening paragraph carries the story, the rest is detail.
        var body = string.Join(' ', Enumerable.Repeat(text, 6));
        return (title, body);
    }
}
