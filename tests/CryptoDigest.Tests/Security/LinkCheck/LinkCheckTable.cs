namespace CryptoDigest.Tests.Security.LinkCheck;

/// <summary>
/// Our own table of lookalike and benign addresses. Lookalikes cover raw Unicode and punycode
/// confusables in several scripts, accents, digit swaps, combosquats, typosquats, brand names inside
/// foreign domains, userinfo and IP tricks and canonicalization tricks; benign ones are the protected
/// domains with their subdomains and paths, common unrelated sites, words one letter from a brand,
/// international names and public-suffix edge cases. Domains are pure data: nothing is fetched.
/// </summary>
internal static class LinkCheckTable
{
    public static readonly string[] Lookalikes =
    [
        // Raw Unicode confusables: Cyrillic.
        "bin\u0430nce.com", "b\u0456nance.com", "coinb\u0430se.com", "met\u0430mask.io", "ledg\u0435r.com", "trez\u043er.io", "kr\u0430ken.com",
        "opens\u0435a.io", "unisw\u0430p.org", "ethersc\u0430n.io", "ph\u0430ntom.app", "kuc\u043ein.com", "bitfin\u0435x.com", "g\u0435mini.com",
        "byb\u0456t.com", "ok\u0445.com", "\u0430ave.com", "l\u0456do.fi", "curv\u0435.fi", "ex\u043edus.com", "glassn\u043ede.com", "mess\u0430ri.io",
        "bankl\u0435ss.com", "trustw\u0430llet.com", "myetherw\u0430llet.com", "\u0441\u043e\u0456nb\u0430\u0455\u0435.com", "https://www.bin\u0430nce.com/en/login",
        // Greek and Armenian.
        "bin\u03b1nce.com", "\u03bfpensea.io", "metam\u03b1sk.io", "c\u0585inbase.com", "trez\u0585r.io", "kuc\u0585in.com", "\u057dniswap.org",
        "bit\u0581et.com", "p\u03b1ncakeswap.finance",
        // Punycode of the same tricks.
        "xn--binnce-5nf.com", "xn--cinbase-9ig.com", "xn--metmask-4fg.io", "xn--ldger-zwe.com", "xn--pensea-9lh.io", "xn--unswap-qvf.org",
        "xn--trzor-0we.io", "xn--krken-5ve.com", "xn--nb-8kcu5br8le.com", "xn--phntom-4nf.app", "xn--therscan-b8g.io", "https://xn--binnce-5nf.com/login",
        // Accents and other Latin look-alikes.
        "b\u00efnance.com", "xn--bnance-iwa.com", "coinbas\u00e9.com", "metam\u0105sk.io", "ledg\u00e9r.com", "krak\u00e9n.com", "unisw\u00e4p.org",
        "opens\u0119a.io", "\u1eb9therscan.io", "phant\u014dm.app", "kuco\u00edn.com", "trez\u00f8r.io",
        // Digits and letter pairs standing in for letters.
        "b1nance.com", "c0inbase.com", "rnetamask.io", "0pensea.io", "kuc0in.com", "1edger.com", "trez0r.io", "etherscarn.io", "coinbas3.com",
        "unisvvap.org", "curve-fi.app", "binancecom.net", "jup-ag.app", "opensea-io.xyz",
        // Combosquats: the brand with lure words, in someone else's domain.
        "binance-support.com", "binance-login.xyz", "binancewallet.app", "secure-binance.com", "binance-airdrop.io", "coinbase-wallet-support.com",
        "coinbasepro-login.net", "metamask-wallet.io", "metamaskconnect.app", "metamask-restore.com", "metamask.io-verify.info",
        "trustwallet-sync.com", "uniswap-airdrop.org", "uniswapclaim.xyz", "opensea-nft-drop.com", "opensea-verify.io", "etherscan-tx.info",
        "kucoin-support.net", "bitfinex-login.co", "bybit-bonus.com", "okx-wallet.cc", "okxairdrop.com", "pancakeswap-finance.app",
        "1inch-claim.io", "dydx-airdrop.com", "aave-claim.org", "raydium-swap.io", "magiceden-mint.com", "bscscan-verify.com", "solscan-token.app",
        "polygonscan-claim.com", "arbiscan-airdrop.io", "glassnode-pro.com", "messari-research.xyz", "bankless-unsubscribe.com",
        "milkroad-unsubscribe.net", "coinshares-invest.com", "coinmetrics-data.xyz", "delphidigital-members.com", "kaiko-data.io",
        "myetherwallet-login.com", "mycrypto-wallet.net", "electrum-download.org", "rabby-wallet.app", "walletconnect-sync.io",
        "bitstamp-support.net", "bitget-rewards.com", "upbit-event.com", "huobi-global.net", "htx-airdrop.com", "mexc-bonus.com",
        "makerdao-claim.com", "cryptocom-wallet.app", "crypto-com-verify.net", "gateio-login.com", "blockchaincom-wallet.net",
        "ledger-live-update.com", "ledgerwallet-recovery.com", "phantom-wallet.app", "kraken-login.com", "gemini-support.com",
        "exodus-wallet.io", "rainbow-wallet.xyz", "curve-finance.app", "lido-staking.com", "blur-airdrop.io", "compound-finance.org",
        "sushi-swap.app", "jupiter-airdrop.com", "jup-claim.io", "blockchain-wallet-login.com", "thedefiant-subscribe.com",
        // The brand's domain at the start of a foreign one.
        "binance.com.secure-login.xyz", "www.coinbase.com.account-verify.info", "metamask.io.wallet-check.net", "app.uniswap.org.claim.xyz",
        "login.kraken.com.evil.example", "support.ledger.com-help.net", "binance.evil.test", "coinbase.security-alert.top",
        "opensea.io-airdrop.site", "etherscan.io.tx-check.online",
        // Typosquats (long enough names only).
        "binnance.com", "binanse.com", "bniance.com", "coinbsae.com", "coinbasse.com", "coinbace.com", "metamaks.io", "metamassk.io",
        "metamusk.io", "krakenn.com", "ledgre.com", "trezzor.io", "treazor.io", "kucion.com", "bitfinix.com", "uniswep.org", "unisawp.org",
        "opensae.io", "openseaa.io", "ethersacn.io", "etherscann.io", "pancakeswapp.finance", "pancakswap.com", "trustwalet.com",
        "trustwallett.com", "myetherwalet.com", "myetherwallat.com", "phantonm.app", "exoduss.com", "glasnode.com", "glassnod.com",
        "messary.io", "banklees.com", "thedefiiant.io", "coinmetrix.io", "coinshare.com", "milkraod.com", "lynaldin.com", "raydiun.io",
        "magiceeden.io", "bitgett.com", "bitstanp.net", "polygonscam.com", "arbiscam.io", "solscam.io", "bscsacn.com",
        // The real name under an ending the brand does not use.
        "binance.xyz", "coinbase.net", "metamask.app", "kucoin.net", "trezor.app", "bitfinex.io", "okx.cab", "bybit.co", "uniswap.finance",
        "pancakeswap.com",
        // IP addresses in every notation.
        "http://3279880203/binance", "http://0xC3.0x7F.0x00.0x0B/login", "http://0303.0177.0.013/", "http://192.168.1.10/metamask",
        "http://[::ffff:c37f:000b]/", "https://195.127.11/", "http://1.2.3.4:8080/claim",
        // Userinfo: the name before "@" is not where the link goes.
        "https://binance.com@evil.test/login", "https://www.coinbase.com:login@phish.example/", "http://metamask.io@192.0.2.5/",
        "https://ledger.com%40support-portal.test/",
        // Canonicalization tricks.
        "HTTPS://BINANCE-LOGIN.COM/", "binance-support.com.", "binance-support..com", "https://%62inance-support.com/", "https://bin\tance-support.com",
        "binance\u3002com\u3002evil\u3002xyz", "https://coinbase-wallet.com#https://coinbase.com", "https://b\u200Binance.com",
        "https:\\\\metamask-wallet.io\\login", "hxxps://coinbase-verify[.]com",
        // Links that are not websites, and shorteners hiding the destination.
        "javascript:alert(document.cookie)", "data:text/html;base64,PHNjcmlwdD4=", "JaVaScRiPt:void(0)",
        "https://bit.ly/3abcXYZ", "tinyurl.com/claim-airdrop", "https://t.co/abc123", "cutt.ly/wallet",
        // Lure words alone, the way drainer sites name themselves; whole-script lookalikes.
        "claim-airdrop.xyz", "wallet-sync-validate.com", "dapp-rectify.app", "airdrop-claim-now.io", "seed-phrase-recovery.net",
        "\u0430\u0440\u0440\u04cf\u0435.com", "https://binance-\u2705.com", "//metamask-support.example.net/login", "http://999.12.0.1/login",
    ];

    public static readonly string[] Benign =
    [
        // The protected brands' own domains, subdomains and paths.
        "binance.com", "https://www.binance.com/en/support/faq", "accounts.binance.com", "binance.us", "https://binance.us/buy", "academy.binance.com",
        "coinbase.com", "https://help.coinbase.com/en", "wallet.coinbase.com", "pro.coinbase.com", "base.org", "kraken.com", "support.kraken.com",
        "pro.kraken.com", "https://www.okx.com/web3", "https://www.bybit.com/en/", "kucoin.com", "bitfinex.com", "gemini.com", "exchange.gemini.com",
        "bitstamp.net", "https://crypto.com/us", "crypto.org", "gate.io", "gate.com", "htx.com", "huobi.com", "bitget.com", "upbit.com",
        "metamask.io", "support.metamask.io", "portfolio.metamask.io", "https://metamask.app.link/dapp/app.uniswap.org", "ledger.com",
        "shop.ledger.com", "support.ledger.com", "trezor.io", "suite.trezor.io", "trustwallet.com", "link.trustwallet.com", "phantom.app",
        "phantom.com", "exodus.com", "rabby.io", "rainbow.me", "myetherwallet.com", "mycrypto.com", "electrum.org",
        "https://etherscan.io/tx/0x5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060", "https://bscscan.com/address/0x0000000000000000000000000000000000001004",
        "https://solscan.io/token/So11111111111111111111111111111111111111112", "https://www.blockchain.com/explorer", "https://mempool.space/tx/abc",
        "polygonscan.com", "arbiscan.io", "https://opensea.io/collection/boredapeyachtclub", "blur.io", "magiceden.io", "https://app.uniswap.org/swap",
        "uniswap.org", "https://docs.uniswap.org/contracts/v4/overview", "app.aave.com", "curve.fi", "curve.finance", "lido.fi", "stake.lido.fi",
        "pancakeswap.finance", "sushi.com", "app.1inch.io", "compound.finance", "makerdao.com", "dydx.exchange", "dydx.trade", "jup.ag", "raydium.io",
        "bankless.com", "https://www.bankless.com/rss/feed", "thedefiant.io", "messari.io", "members.delphidigital.io", "insights.glassnode.com",
        "coinmetrics.io", "https://coinmetrics.substack.com/feed", "jupyter.org", "krakend.io", "tresor.de", "sushicompany.com", "lidofitness.com", "kaiko.com", "coinshares.com", "researchblog.coinshares.com", "milkroad.com",
        "https://www.lynalden.com/feed/", "https://evil.test@binance.com/",
        // Common sites that are not the brands.
        "google.com", "https://www.google.com/search?q=binance", "github.com", "https://github.com/MetaMask/metamask-extension", "wikipedia.org",
        "https://en.wikipedia.org/wiki/Binance", "https://en.wikipedia.org/wiki/Phishing#Techniques", "bbc.co.uk", "https://www.bbc.co.uk/news",
        "amazon.co.jp", "youtube.com", "https://twitter.com/binance", "https://x.com/coinbase", "https://www.reddit.com/r/ledgerwallet/",
        "stackoverflow.com", "ethereum.org", "bitcoin.org", "coindesk.com", "cointelegraph.com", "theblock.co", "decrypt.co", "coingecko.com",
        "coinmarketcap.com", "defillama.com", "dune.com", "nytimes.com", "ft.com", "bloomberg.com", "https://medium.com/@vitalik", "substack.com",
        "mirror.xyz", "docs.google.com", "drive.google.com", "gemini.google.com", "finance.yahoo.com", "linkedin.com", "apple.com", "microsoft.com",
        "paypal.com", "stripe.com", "cloudflare.com", "wise.com", "revolut.com", "robinhood.com", "fidelity.com", "vanguard.com", "solana.com",
        "polygon.technology", "arbitrum.io", "optimism.io", "safe.global", "zapper.xyz", "zerion.io", "debank.com", "blockchair.com",
        "support.google.com", "accounts.google.com", "login.microsoftonline.com", "secure.login.gov", "https://github.com:443/",
        "https://www.google.com/maps?q=kraken",
        // Names one letter from a brand, and brands' words used by others.
        "finance.com", "radium.com", "trevor.com", "leader.com", "ledge.com", "coinbene.com", "unisat.io", "ledgerinsights.com", "krakenrum.com",
        "phantomjs.org", "exodus-travels.com", "compoundinterest.com", "blurb.com", "lidl.com", "gateway.ipfs.io", "stargate.finance",
        "navigate.com", "geminis.com", "phantoms.com", "ledgers.com", "compounds.com", "rainbows.com", "exodus.org", "curve.com", "blur.com",
        "gate.net", "lido.com", "jupiter.com", "kraken.io", "mempool.observer", "blockchain.news", "crypto.news", "cryptoslate.com",
        "cryptocompare.com", "okcupid.com", "box.com", "aavegotchi.com", "rabbit.com", "trustpilot.com", "binder.com", "meta.com", "opentable.com",
        "uniqlo.com", "kucinich.com", "bitly.com.au", "etherealmag.com", "raymond.com", "glassdoor.com", "messenger.com", "banks.com",
        // International names and public-suffix edge cases.
        "b\u00fccher.de", "m\u00fcnchen.de", "xn--mnchen-3ya.de", "\u0440\u043e\u0441\u0441\u0438\u044f.\u0440\u0444", "z\u00fcrich.ch", "caf\u00e9.fr",
        "\u4f8b\u3048.jp", "foo.github.io", "myproject.pages.dev", "www.ck", "shop.example.ck", "city.kawasaki.jp", "www.city.kawasaki.jp",
        "example.co.uk", "parliament.uk", "gov.uk", "s3.amazonaws.com", "blogspot.com", "www.example.com", "sub.domain.example.org",
    ];
}
