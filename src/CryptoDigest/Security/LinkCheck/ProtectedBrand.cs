namespace CryptoDigest.Security.LinkCheck;

/// <summary>
/// A brand whose members get phished, with its official domains (a match of one of them, or of a
/// subdomain, is safe-looking) and the names lookalikes borrow from it.
/// </summary>
/// <param name="Name">The brand as people write it ("Trust Wallet").</param>
/// <param name="Domains">Its official domains; the first is the one named to members.</param>
/// <param name="Keywords">Distinctive names (binance, trustwallet): seeing one inside a foreign domain is suspicious on its own.</param>
/// <param name="CommonWords">Names that are also ordinary words (ledger, phantom): suspicious only with a lure word beside them.</param>
public sealed record ProtectedBrand(string Name, IReadOnlyList<string> Domains, IReadOnlyList<string> Keywords, IReadOnlyList<string> CommonWords)
{
    public string PrimaryDomain => Domains[0];

    /// <summary>The brands protected when the operator configures nothing (docs/link-check.md lists them).</summary>
    public static IReadOnlyList<ProtectedBrand> Defaults { get; } =
    [
        // Exchanges.
        new("Binance", ["binance.com", "binance.us", "binance.org", "binance.info", "binance.vision", "binance.cloud", "binance.charity", "bnbchain.org"], ["binance", "bnbchain"], []),
        new("Coinbase", ["coinbase.com", "base.org", "coinbase.cloud"], ["coinbase"], []),
        new("Kraken", ["kraken.com", "payward.com"], [], ["kraken"]),
        new("OKX", ["okx.com", "okex.com", "okcoin.com"], ["okx", "okex", "okcoin"], []),
        new("Bybit", ["bybit.com", "bybit.eu", "bybitglobal.com"], ["bybit"], []),
        new("KuCoin", ["kucoin.com"], ["kucoin"], []),
        new("Bitfinex", ["bitfinex.com"], ["bitfinex"], []),
        new("Gemini", ["gemini.com"], [], ["gemini"]),
        new("Bitstamp", ["bitstamp.net"], ["bitstamp"], []),
        new("Crypto.com", ["crypto.com", "crypto.org", "cronos.org"], ["cryptocom"], []),
        new("Gate", ["gate.io", "gate.com"], ["gateio"], ["gate"]),
        new("HTX (Huobi)", ["htx.com", "huobi.com"], ["htx", "huobi"], []),
        new("Bitget", ["bitget.com"], ["bitget"], []),
        new("Upbit", ["upbit.com"], ["upbit"], []),
        new("MEXC", ["mexc.com"], ["mexc"], []),
        new("Bitpanda", ["bitpanda.com"], ["bitpanda"], []),
        new("Bithumb", ["bithumb.com"], ["bithumb"], []),

        // Wallets.
        new("MetaMask", ["metamask.io", "metamask.app.link", "consensys.io", "consensys.net"], ["metamask"], []),
        new("Ledger", ["ledger.com", "ledgerwallet.com"], [], ["ledger"]),
        new("Trezor", ["trezor.io"], ["trezor"], []),
        new("Trust Wallet", ["trustwallet.com"], ["trustwallet"], []),
        new("Phantom", ["phantom.app", "phantom.com"], [], ["phantom"]),
        new("Exodus", ["exodus.com", "exodus.io"], [], ["exodus"]),
        new("Rabby", ["rabby.io"], ["rabby"], []),
        new("Rainbow", ["rainbow.me"], [], ["rainbow"]),
        new("MyEtherWallet", ["myetherwallet.com", "mewwallet.com"], ["myetherwallet"], []),
        new("MyCrypto", ["mycrypto.com"], ["mycrypto"], []),
        new("Electrum", ["electrum.org"], ["electrum"], []),
        new("WalletConnect", ["walletconnect.com", "walletconnect.network", "reown.com"], ["walletconnect"], []),

        // Explorers.
        new("Etherscan", ["etherscan.io"], ["etherscan"], []),
        new("BscScan", ["bscscan.com"], ["bscscan"], []),
        new("Solscan", ["solscan.io"], ["solscan"], []),
        new("Blockchain.com", ["blockchain.com", "blockchain.info"], ["blockchaincom"], ["blockchain"]),
        new("Mempool.space", ["mempool.space"], ["mempoolspace"], ["mempool"]),
        new("Polygonscan", ["polygonscan.com"], ["polygonscan"], []),
        new("Arbiscan", ["arbiscan.io"], ["arbiscan"], []),

        // Marketplaces and DeFi front ends.
        new("OpenSea", ["opensea.io"], ["opensea"], []),
        new("Blur", ["blur.io"], [], ["blur"]),
        new("Magic Eden", ["magiceden.io"], ["magiceden"], []),
        new("Uniswap", ["uniswap.org"], ["uniswap"], []),
        new("Aave", ["aave.com"], ["aave"], []),
        new("Curve", ["curve.fi", "curve.finance"], [], ["curve"]),
        new("Lido", ["lido.fi"], [], ["lido"]),
        new("PancakeSwap", ["pancakeswap.finance"], ["pancakeswap"], []),
        new("SushiSwap", ["sushi.com"], ["sushiswap"], ["sushi"]),
        new("1inch", ["1inch.io"], ["1inch"], []),
        new("Compound", ["compound.finance"], [], ["compound"]),
        new("MakerDAO", ["makerdao.com", "sky.money"], ["makerdao"], []),
        new("dYdX", ["dydx.exchange", "dydx.trade"], ["dydx"], []),
        new("Jupiter", ["jup.ag"], [], ["jupiter", "jup"]),
        new("Raydium", ["raydium.io"], ["raydium"], []),

        // The newsletters the bot reads.
        new("Bankless", ["bankless.com", "banklesshq.com"], ["bankless"], []),
        new("The Defiant", ["thedefiant.io"], ["thedefiant"], []),
        new("Messari", ["messari.io"], ["messari"], []),
        new("Delphi Digital", ["delphidigital.io"], ["delphidigital"], []),
        new("Glassnode", ["glassnode.com"], ["glassnode"], []),
        new("Coin Metrics", ["coinmetrics.io", "coinmetrics.substack.com"], ["coinmetrics"], []),
        new("Kaiko", ["kaiko.com"], ["kaiko"], []),
        new("CoinShares", ["coinshares.com"], ["coinshares"], []),
        new("Milk Road", ["milkroad.com"], ["milkroad"], []),
        new("Lyn Alden", ["lynalden.com"], ["lynalden"], []),
    ];
}
