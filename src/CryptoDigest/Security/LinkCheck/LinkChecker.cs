using System.Globalization;
using System.Text;
using CryptoDigest.Knowledge;
using CryptoDigest.Telemetry;

namespace CryptoDigest.Security.LinkCheck;

/// <summary>
/// Decides whether an address looks like a trap, without ever fetching or resolving it
/// (docs/link-check.md): canonical form, registrable domain from the Public Suffix List, official
/// domains of the protected brands, known-bad lists (allowlist and protected domains win), and
/// lookalike heuristics (UTS #39 skeletons, mixed scripts, near misspellings with length rules,
/// brand names inside foreign domains, lure words, shorteners, raw IP addresses).
/// </summary>
public sealed class LinkChecker
{
    private const int MaxReasons = 6;

    /// <summary>
    /// Name labels compared with the brands: the first ones (where a lookalike shows in the address bar) and the
    /// registrable name. A 250-character host of 60 one-letter labels would otherwise cost every brand's keywords
    /// against every label's candidates; a host with more labels than this is itself flagged.
    /// </summary>
    internal const int MaxLabelsExamined = 8;

    /// <summary>Words phishing domains pair with a brand; with an ordinary-word brand (ledger, phantom) they make the difference.</summary>
    internal static readonly IReadOnlySet<string> LureWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "airdrop", "airdrops", "claim", "claims", "verify", "verification", "validate", "validation", "support", "helpdesk", "help",
        "unsubscribe", "login", "signin", "logon", "secure", "security", "recovery", "recover", "restore", "sync", "unlock", "rectify",
        "migrate", "migration", "refund", "kyc", "auth", "2fa", "reward", "rewards", "bonus", "giveaway", "gift", "promo", "connect",
        "walletconnect", "wallet", "wallets", "account", "accounts", "update", "upgrade", "official", "customer", "care", "live", "app",
        "dapp", "defi", "nft", "nfts", "mint", "token", "tokens", "swap", "finance", "exchange", "staking", "stake", "bridge", "seed",
        "phrase", "extension", "download", "portfolio", "vault", "desktop", "suite", "web3",
    };

    /// <summary>Lure words that point at wallet-draining on their own; two of them together are suspicious without a brand.</summary>
    private static readonly IReadOnlySet<string> DrainerWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "airdrop", "airdrops", "claim", "claims", "walletconnect", "seed", "phrase", "rectify", "giveaway", "sync", "validate", "validation", "unlock", "recovery",
    };

    /// <summary>Words peeled off the ends of a label to find the brand in "binancewallet" or "binance-com".</summary>
    private static readonly IReadOnlySet<string> Peelable = new HashSet<string>(LureWords.Concat(["com", "net", "org", "io", "co", "www", "pro", "web", "online", "global", "en", "us", "eu", "my", "get", "go", "the", "team", "service", "services", "info", "site", "hub", "center", "centre", "portal", "desk", "id"]), StringComparer.Ordinal);

    /// <summary>Ordinary words one or two letters from a brand (finance/binance, radium/raydium): never misspellings.</summary>
    private static readonly IReadOnlySet<string> OrdinaryWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "finance", "backless", "bitnet", "plectrum", "ledge", "ledges", "lodger", "edger", "leger", "ledgers", "radium", "trevor", "tremor",
        "blockchains", "compounds", "geminis", "phantoms", "rainbows", "kraken", "okcoin", "kucoin", "blockchair",
        "jupyter", "krakend", "krakens", "tresor", "mempools",
    };

    /// <summary>Link shorteners: the real destination is hidden behind them.</summary>
    private static readonly IReadOnlySet<string> Shorteners = new HashSet<string>(StringComparer.Ordinal)
    {
        "bit.ly", "bitly.com", "tinyurl.com", "t.co", "goo.gl", "is.gd", "v.gd", "cutt.ly", "rebrand.ly", "ow.ly", "buff.ly", "shorturl.at",
        "rb.gy", "tiny.cc", "t.ly", "s.id", "lnkd.in", "bl.ink", "short.io", "shorte.st", "adf.ly", "tr.im", "clck.ru", "qrco.de", "linktr.ee",
        "bit.do", "u.to", "x.gd", "urlz.fr", "surl.li", "shorturl.gg", "tiny.one",
    };

    private readonly IReadOnlyList<BrandIndex> brands;
    private readonly PublicSuffixList suffixes;
    private readonly ConfusableSkeletons skeletons;
    private readonly Func<PhishingLists> lists;
    private readonly HashSet<string> allowedDomains;
    private readonly BotMetrics? metrics;

    // The word lists as comparison keys (skeletons: "claim" becomes "clairn"), with the word each key stands for.
    private readonly Dictionary<string, string> lureKeys;
    private readonly HashSet<string> drainerKeys;
    private readonly HashSet<string> ordinaryKeys;
    private readonly string[] peelableKeys;
    private readonly string[] lureKeysByLength;

    public LinkChecker(IEnumerable<ProtectedBrand> brands, PublicSuffixList suffixes, ConfusableSkeletons skeletons, Func<PhishingLists> lists, IEnumerable<string> allowedDomains, BotMetrics? metrics = null)
    {
        this.metrics = metrics;
        this.suffixes = suffixes;
        this.skeletons = skeletons;
        this.lists = lists;
        this.brands = brands.Select(b => new BrandIndex(
            b,
            b.Keywords.Select(k => (k, Key(k))).ToList(),
            b.CommonWords.Select(k => (k, Key(k))).ToList(),
            b.Domains.Select(d => (d, Key(d.Replace(".", string.Empty, StringComparison.Ordinal)))).ToList())).ToList();
        lureKeys = LureWords.GroupBy(Key).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        drainerKeys = DrainerWords.Select(Key).ToHashSet(StringComparer.Ordinal);
        ordinaryKeys = OrdinaryWords.Select(Key).ToHashSet(StringComparer.Ordinal);
        peelableKeys = [.. Peelable.Select(Key).Distinct().OrderByDescending(w => w.Length).ThenBy(w => w, StringComparer.Ordinal)];
        lureKeysByLength = [.. lureKeys.Keys.OrderByDescending(w => w.Length).ThenBy(w => w, StringComparer.Ordinal)];
        this.allowedDomains = allowedDomains.Select(d => d.Trim().Trim('.').ToLowerInvariant()).Where(d => d.Length > 0).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Every protected brand's official domains (replies leave these clickable).</summary>
    public IReadOnlySet<string> OfficialDomains => field ??= brands.SelectMany(b => b.Brand.Domains).ToHashSet(StringComparer.Ordinal);

    /// <summary>Checks one URL or bare domain. Never throws for bad input: unreadable input is itself suspicious.</summary>
    public LinkVerdict Check(string input)
    {
        var verdict = Judge(input, new Findings());
        metrics?.LinkChecked(verdict.Risk switch
        {
            LinkRisk.SafeLooking => "safe_looking",
            LinkRisk.Suspicious => "suspicious",
            _ => "known_bad",
        });
        return verdict;
    }

    /// <summary>Checks one address and says how much work it took: peeling states built plus edit-distance comparisons (tests bound it).</summary>
    internal (LinkVerdict Verdict, int Work) CheckMeasured(string input)
    {
        var findings = new Findings();
        var verdict = Judge(input, findings);
        return (verdict, findings.Work);
    }

    private LinkVerdict Judge(string input, Findings findings)
    {
        var result = LinkCanonicalizer.Canonicalize(input);
        if (result.Refusal is { } refusal)
        {
            return new LinkVerdict(input, LinkRisk.Suspicious, [refusal], null, null);
        }

        if (result.Link is not { } link)
        {
            return new LinkVerdict(input, LinkRisk.Suspicious, [new LinkReason("LinkCheck.Reason.Unreadable", result.Error!)], null, null);
        }

        if (OfficialOrAllowed(input, link) is { } trusted)
        {
            return trusted;
        }

        var host = link.Host;
        var shown = link.UnicodeHost;
        var listMatch = link.IsIpAddress ? new ListMatch(ListVerdict.NotListed) : lists().Check(host);
        if (listMatch.Verdict == ListVerdict.Allowed)
        {
            return new LinkVerdict(input, LinkRisk.SafeLooking, [new LinkReason("LinkCheck.Reason.ListAllowlist", shown, listMatch.Entry!)], null, host);
        }

        CollectFindings(link, listMatch, findings);
        return Conclude(input, link, listMatch, findings);
    }

    /// <summary>Safe-looking when the host is a protected brand's official domain or on this bot's allowlist; null otherwise.</summary>
    private LinkVerdict? OfficialOrAllowed(string input, CanonicalLink link)
    {
        var host = link.Host;
        var shown = link.UnicodeHost;
        if (!link.IsIpAddress && !link.HadInvisibleCharacters && FindOfficial(host) is { } official)
        {
            var which = host == official.Domain ? new LinkReason("LinkCheck.Reason.Official", shown, official.Brand.Name) : new LinkReason("LinkCheck.Reason.OfficialPart", shown, official.Domain, official.Brand.Name);
            return new LinkVerdict(input, LinkRisk.SafeLooking, [which], null, host);
        }

        if (!link.IsIpAddress && !link.HadInvisibleCharacters && PhishingLists.FindSuffixMatch(host, allowedDomains.Contains) is { } allowedByOperator)
        {
            return new LinkVerdict(input, LinkRisk.SafeLooking, [new LinkReason("LinkCheck.Reason.OperatorAllowlist", shown, allowedByOperator)], null, host);
        }

        return null;
    }

    /// <summary>Every warning sign in the address: the canonicalizer's notes, the user name, a bare IP or the host, the path, a watched near spelling.</summary>
    private void CollectFindings(CanonicalLink link, ListMatch listMatch, Findings findings)
    {
        var host = link.Host;
        foreach (var note in link.Notes)
        {
            findings.Add(note);
        }

        CheckUserInfo(link, findings);
        if (link.IsIpAddress)
        {
            findings.Add(new LinkReason("LinkCheck.Reason.BareIp", host));
        }
        else
        {
            CheckHost(link, findings);
        }

        CheckPath(link, findings);
        if (listMatch.Verdict == ListVerdict.FuzzyMatch)
        {
            findings.Add(new LinkReason("LinkCheck.Reason.ListFuzzy", listMatch.Entry!, listMatch.Source!));
        }
    }

    /// <summary>Known bad when a phishing list blocks the host, suspicious with any finding, safe-looking otherwise.</summary>
    private static LinkVerdict Conclude(string input, CanonicalLink link, ListMatch listMatch, Findings findings)
    {
        var host = link.Host;
        var shown = link.UnicodeHost;
        if (listMatch.Verdict == ListVerdict.Blocked)
        {
            var reasons = new List<LinkReason> { new("LinkCheck.Reason.ListBlocked", shown, listMatch.Source!, listMatch.Entry!) };
            reasons.AddRange(findings.Reasons);
            return new LinkVerdict(input, LinkRisk.KnownBad, reasons.Distinct().Take(MaxReasons).ToList(), findings.LookalikeOf, host);
        }

        if (findings.Reasons.Count > 0)
        {
            return new LinkVerdict(input, LinkRisk.Suspicious, findings.Reasons.Distinct().Take(MaxReasons).ToList(), findings.LookalikeOf, host);
        }

        return new LinkVerdict(input, LinkRisk.SafeLooking, [new LinkReason("LinkCheck.Reason.NothingFound", shown)], null, host);
    }

    private (ProtectedBrand Brand, string Domain)? FindOfficial(string host)
    {
        foreach (var brand in brands)
        {
            foreach (var domain in brand.Brand.Domains)
            {
                if (host == domain || host.EndsWith("." + domain, StringComparison.Ordinal))
                {
                    return (brand.Brand, domain);
                }
            }
        }

        return null;
    }

    private void CheckUserInfo(CanonicalLink link, Findings findings)
    {
        if (link.UserInfo is not { Length: > 0 } userInfo)
        {
            return;
        }

        var user = userInfo.Split(':')[0];
        var brand = brands.FirstOrDefault(b => b.Brand.Domains.Any(d => user.Contains(d, StringComparison.OrdinalIgnoreCase)) || b.Keywords.Any(k => user.Contains(k.Word, StringComparison.OrdinalIgnoreCase)));
        if (user.Contains('.', StringComparison.Ordinal) || brand is not null)
        {
            findings.Add(new LinkReason("LinkCheck.Reason.UserInfo", user, link.UnicodeHost), brand?.Brand);
        }
    }

    private void CheckPath(CanonicalLink link, Findings findings)
    {
        foreach (var brand in brands)
        {
            foreach (var domain in brand.Brand.Domains)
            {
                var at = link.Path.IndexOf(domain, StringComparison.OrdinalIgnoreCase);
                if (at > 0 && link.Path[at - 1] is '/' or '.' or '=' or '-' && (at + domain.Length == link.Path.Length || link.Path[at + domain.Length] is '/' or '?' or '&' or '-' or '.'))
                {
                    findings.Add(new LinkReason("LinkCheck.Reason.BrandInPath", domain, link.UnicodeHost, brand.Brand.Name), brand.Brand);
                    return;
                }
            }
        }
    }

    private void CheckHost(CanonicalLink link, Findings findings)
    {
        var host = link.Host;
        var (suffix, registrable) = suffixes.Split(host);
        if (registrable is null)
        {
            return;
        }

        if (Shorteners.Contains(registrable))
        {
            findings.Add(new LinkReason("LinkCheck.Reason.Shortener", registrable));
        }

        var unicodeLabels = link.UnicodeHost.Split('.');
        var asciiLabels = host.Split('.');
        var nameCount = asciiLabels.Length - suffix.Split('.').Length;
        if (unicodeLabels.Length != asciiLabels.Length)
        {
            unicodeLabels = asciiLabels;
        }

        var labels = unicodeLabels[..nameCount];
        var unicodeRegistrable = string.Join('.', unicodeLabels[(nameCount - 1)..]);
        var asciiSuffix = suffix.All(char.IsAscii) && !suffix.Contains("xn--", StringComparison.Ordinal);
        foreach (var label in labels)
        {
            CheckScripts(label, asciiSuffix, findings);
        }

        if (labels.Length > MaxLabelsExamined)
        {
            findings.Add(new LinkReason("LinkCheck.Reason.ManyLabels", labels.Length, unicodeRegistrable));
        }

        // The candidates do not depend on the brand: built once per host, then every brand looks them up.
        var examined = Examine(labels, findings);
        foreach (var brand in brands)
        {
            CheckOfficialPrefix(brand, host, unicodeRegistrable, findings);
            CheckBrand(brand, examined, unicodeRegistrable, findings);
        }

        var drainer = examined.Pieces.Where(drainerKeys.Contains).Distinct().ToList();
        var lures = examined.Pieces.Where(lureKeys.ContainsKey).Distinct().Select(k => lureKeys[k]).ToList();
        if (findings.LookalikeOf is null && drainer.Count >= 1 && lures.Count >= 2)
        {
            findings.Add(new LinkReason("LinkCheck.Reason.LureWords", string.Join(", ", lures.Select(l => $"'{l}'"))));
        }
    }

    /// <summary>
    /// The labels compared with the brands (the first <see cref="MaxLabelsExamined"/> less one, and the registrable
    /// name), each with its candidates: runs of up to four hyphen-separated tokens from the first eight, with every
    /// peeled core, in a set so a brand's keyword is one lookup, not a scan.
    /// </summary>
    private ExaminedHost Examine(string[] labels, Findings findings)
    {
        var chosen = labels.Length <= MaxLabelsExamined
            ? labels.Select((l, i) => (Label: l, IsName: i == labels.Length - 1))
            : labels.Take(MaxLabelsExamined - 1).Select(l => (Label: l, IsName: false)).Append((Label: labels[^1], IsName: true));
        var examined = new List<ExaminedLabel>();
        var pieces = new List<string>();
        foreach (var (label, isName) in chosen)
        {
            var loose = Key(label);
            var tokens = loose.Split(['-', '_'], StringSplitOptions.RemoveEmptyEntries);
            var candidates = new List<(string, string)>();
            var spellings = new HashSet<string>(StringComparer.Ordinal);
            for (var start = 0; start < tokens.Length && start < 8; start++)
            {
                for (var end = start + 1; end <= tokens.Length && end - start <= 4; end++)
                {
                    var joined = string.Concat(tokens[start..end]);
                    var states = PeelStates(joined, findings);
                    spellings.Add(joined);
                    spellings.UnionWith(states.Select(st => st.Core));
                    candidates.Add((joined, PeelLures(joined)));
                }
            }

            foreach (var token in tokens)
            {
                pieces.AddRange(PeelStates(token, findings).SelectMany(st => st.Peeled.Append(st.Core)).Distinct());
            }

            examined.Add(new ExaminedLabel(label, isName, loose, candidates, spellings));
        }

        return new ExaminedHost(examined, pieces);
    }

    private void CheckScripts(string label, bool asciiSuffix, Findings findings)
    {
        var symbol = label.EnumerateRunes().FirstOrDefault(r => Rune.GetUnicodeCategory(r) is UnicodeCategory.OtherSymbol or UnicodeCategory.MathSymbol or UnicodeCategory.ModifierSymbol);
        if (symbol.Value != 0)
        {
            findings.Add(new LinkReason("LinkCheck.Reason.Symbol", label, symbol.ToString()));
        }

        var scripts = UnicodeScripts.In(label);
        if (scripts.Contains(UnicodeScripts.Latin) && scripts.Overlaps(UnicodeScripts.LatinLookalikeScripts))
        {
            var others = LinkReason.Join("LinkCheck.Part.And", scripts.Where(UnicodeScripts.LatinLookalikeScripts.Contains).Order(StringComparer.Ordinal).Select(Script))!;
            findings.Add(new LinkReason("LinkCheck.Reason.MixedScripts", label, others, ExplainCharacters(label)));
        }
        else if (scripts.Count == 1 && scripts.Overlaps(UnicodeScripts.LatinLookalikeScripts) && asciiSuffix && label.Length >= 3)
        {
            var loose = skeletons.LooseSkeleton(label);
            if (loose.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            {
                findings.Add(new LinkReason("LinkCheck.Reason.WholeScript", label, Script(scripts.First()), loose));
            }
        }
        else if (scripts.Contains("Fullwidth Latin") || scripts.Contains("Mathematical"))
        {
            findings.Add(new LinkReason("LinkCheck.Reason.OutsideAlphabet", label, ExplainCharacters(label)));
        }
    }

    private void CheckOfficialPrefix(BrandIndex brand, string host, string registrable, Findings findings)
    {
        foreach (var domain in brand.Brand.Domains)
        {
            var at = host.IndexOf(domain, StringComparison.Ordinal);
            var end = at + domain.Length;
            if (at >= 0 && (at == 0 || host[at - 1] is '.' or '-') && end < host.Length && host[end] is '.' or '-')
            {
                findings.Add(new LinkReason("LinkCheck.Reason.OfficialPrefix", domain, registrable, brand.Brand.Name), brand.Brand);
                return;
            }
        }
    }

    private void CheckBrand(BrandIndex brand, ExaminedHost host, string registrable, Findings findings)
    {
        var lureKey = host.Pieces.FirstOrDefault(p => lureKeys.ContainsKey(p) && !brand.Keywords.Any(k => k.Skeleton == p) && !brand.CommonWords.Any(k => k.Skeleton == p));
        var lure = lureKey is null ? null : lureKeys[lureKey];
        var official = string.Join(", ", brand.Brand.Domains.Take(3));
        var check = new BrandCheck(brand, lure, official, registrable);

        foreach (var examined in host.Labels)
        {
            if (FoundDotlessDomain(check, examined.Spellings, findings))
            {
                return;
            }

            var plain = examined.Label.All(char.IsAscii);
            foreach (var (word, skeleton) in brand.Keywords.Concat(brand.CommonWords))
            {
                if (DecidedByWord(check, examined, plain, word, skeleton, findings))
                {
                    return;
                }
            }
        }
    }

    /// <summary>An official domain with its dot turned into a hyphen or dropped: curve-fi.app, binancecom.xyz.</summary>
    private static bool FoundDotlessDomain(BrandCheck check, HashSet<string> spellings, Findings findings)
    {
        var (brand, _, _, registrable) = check;
        foreach (var (domain, dotless) in brand.DotlessDomains)
        {
            if (spellings.Contains(dotless))
            {
                findings.Add(new LinkReason("LinkCheck.Reason.Dotless", domain, registrable, brand.Brand.Name), brand.Brand);
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// One of the brand's words against one label: the whole label, the name inside it, or a near misspelling.
    /// True once the brand is settled for this host: a finding added, or the label is the plain common word itself.
    /// </summary>
    private bool DecidedByWord(BrandCheck check, ExaminedLabel examined, bool plain, string word, string skeleton, Findings findings)
    {
        var (brand, lure, official, registrable) = check;
        var (label, isName, loose, _, spellings) = examined;
        var isCommon = brand.CommonWords.Any(c => c.Word == word);
        var dehyphenated = loose.Replace("-", string.Empty, StringComparison.Ordinal);

        // The whole label is the brand: a homoglyph spelling, or the real name under another ending.
        if (dehyphenated == skeleton && isName)
        {
            if (plain && label == word)
            {
                if (!isCommon || lure is not null)
                {
                    findings.Add(new LinkReason("LinkCheck.Reason.OtherEnding", word, brand.Brand.Name, official, brand.Brand.PrimaryDomain), brand.Brand);
                }
            }
            else
            {
                findings.Add(new LinkReason("LinkCheck.Reason.Lookalike", label, word, Explain(label, word), brand.Brand.PrimaryDomain), brand.Brand);
            }

            return true;
        }

        // The brand inside someone else's name: binance-support.xyz, metamaskwallet.app, binance.evil.xyz.
        var contains = spellings.Contains(skeleton)
            || (!isCommon && word.Length >= 6 && !word.StartsWith("crypto", StringComparison.Ordinal) && word != "gateio" && dehyphenated.Contains(skeleton, StringComparison.Ordinal));
        if (contains && (!isCommon || lure is not null))
        {
            object withLure = lure is null ? string.Empty : new LinkReason("LinkCheck.Part.NextToLure", lure);
            object homoglyph = plain ? string.Empty : new LinkReason("LinkCheck.Part.SpelledWith", ExplainCharacters(label));
            findings.Add(new LinkReason("LinkCheck.Reason.NameInside", word, withLure, registrable, homoglyph, brand.Brand.Name, official), brand.Brand);
            return true;
        }

        // A near misspelling, with length rules: short names only ever match exactly.
        var allowed = word.Length >= 9 ? 2 : word.Length >= 6 ? 1 : 0;
        return allowed > 0 && FoundMisspelling(check, examined, word, skeleton, allowed, isCommon, dehyphenated, findings);
    }

    private bool FoundMisspelling(BrandCheck check, ExaminedLabel examined, string word, string skeleton, int allowed, bool isCommon, string dehyphenated, Findings findings)
    {
        var (brand, lure, _, _) = check;
        var (label, isName, _, candidates, _) = examined;
        foreach (var (candidate, core) in candidates)
        {
            foreach (var text in new[] { candidate, core }.Distinct())
            {
                // The distance is at least the difference in length, so a far longer run needs no comparison.
                if (text.Length < 4 || Math.Abs(text.Length - skeleton.Length) > allowed || text == skeleton || ordinaryKeys.Contains(text) || IsOtherBrand(text, brand))
                {
                    continue;
                }

                findings.Work++;
                var distance = EditDistance.WithTranspositions(text, skeleton);
                if (distance <= allowed && (!isCommon || lure is not null || (isName && text == dehyphenated)))
                {
                    var key = distance == 1 ? "LinkCheck.Reason.Misspelling.One" : "LinkCheck.Reason.Misspelling.Many";
                    findings.Add(new LinkReason(key, distance, label, word, Explain(label, word), brand.Brand.PrimaryDomain), brand.Brand);
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The comparison key of a name: its loose skeleton, with "vv" read as "w" and l (which 1, I and |
    /// already became) read as i, the pairs that pass for each other in a domain name.
    /// </summary>
    private string Key(string text) =>
        skeletons.LooseSkeleton(text).Replace("vv", "w", StringComparison.Ordinal).Replace('l', 'i');

    private bool IsOtherBrand(string text, BrandIndex self) =>
        brands.Any(b => b != self && (b.Keywords.Any(k => k.Skeleton == text) || b.CommonWords.Any(k => k.Skeleton == text)));

    /// <summary>" (the 'а' in … is Cyrillic …, so it reads as 'binance')" for a label with unusual characters; nothing for a plain one.</summary>
    private object Explain(string label, string word) =>
        label.All(char.IsAscii) ? string.Empty : new LinkReason("LinkCheck.Part.ReadsAs", ExplainCharacters(label), word);

    /// <summary>"the 'а' in 'binаnce' is Cyrillic (CYRILLIC SMALL LETTER A), not the Latin 'a'" for each unusual character.</summary>
    private LinkReason ExplainCharacters(string label)
    {
        var parts = new List<LinkReason>();
        foreach (var rune in label.EnumerateRunes().Where(r => !r.IsAscii).Distinct().Take(3))
        {
            var script = UnicodeScripts.Of(rune);
            var name = skeletons.NameOf(rune.Value) ?? $"U+{rune.Value:X4}";
            var looksLike = skeletons.LooseSkeleton(rune.ToString());
            var what = script is UnicodeScripts.Common or "Other" ? new LinkReason("LinkCheck.Part.SpecialCharacter") : Script(script);
            parts.Add(looksLike.All(char.IsAscii) && looksLike.Length > 0
                ? new LinkReason("LinkCheck.Part.CharacterNotLatin", rune.ToString(), label, what, name, looksLike)
                : new LinkReason("LinkCheck.Part.Character", rune.ToString(), label, what, name));
        }

        return LinkReason.Join("LinkCheck.Part.List", parts) ?? new LinkReason("LinkCheck.Part.LookalikeCharacters");
    }

    /// <summary>A script's name in the reply's language (LinkCheck.Script.Cyrillic); <see cref="UnicodeScripts"/> names each.</summary>
    private static LinkReason Script(string script) => new("LinkCheck.Script." + script.Replace(" ", string.Empty, StringComparison.Ordinal));

    /// <summary>
    /// Every way of peeling lure and filler words (and digits) off the ends of a token, the token itself
    /// first: "binancewallet" gives "binance" (peeled "wallet"); "coinbasecom" gives "coinbase".
    /// </summary>
    private List<(string Core, IReadOnlyList<string> Peeled)> PeelStates(string token, Findings findings)
    {
        var states = new List<(string Core, IReadOnlyList<string> Peeled)> { (token, []) };
        var seen = new HashSet<string>(StringComparer.Ordinal) { token };
        for (var i = 0; i < states.Count && states.Count < 64; i++)
        {
            var (core, peeled) = states[i];
            var digitless = core.Trim('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
            if (digitless.Length >= 3 && seen.Add(digitless))
            {
                states.Add((digitless, peeled));
            }

            foreach (var word in peelableKeys)
            {
                if (core.Length < word.Length + 3)
                {
                    continue;
                }

                if (core.StartsWith(word, StringComparison.Ordinal) && seen.Add(core[word.Length..]))
                {
                    states.Add((core[word.Length..], [.. peeled, word]));
                }

                if (core.EndsWith(word, StringComparison.Ordinal) && seen.Add(core[..^word.Length]))
                {
                    states.Add((core[..^word.Length], [.. peeled, word]));
                }
            }
        }

        findings.Work += states.Count;
        return states;
    }

    /// <summary>The token with lure words peeled greedily, longest first: the one spelling a misspelling check looks at.</summary>
    private string PeelLures(string token)
    {
        var core = token.Trim('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
        if (core.Length < 3)
        {
            core = token;
        }

        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var word in lureKeysByLength)
            {
                if (core.Length >= word.Length + 4 && core.StartsWith(word, StringComparison.Ordinal))
                {
                    core = core[word.Length..];
                    changed = true;
                }
                else if (core.Length >= word.Length + 4 && core.EndsWith(word, StringComparison.Ordinal))
                {
                    core = core[..^word.Length];
                    changed = true;
                }
            }
        }

        return core;
    }

    /// <summary>One label as the brand checks see it; <paramref name="Spellings"/> holds every run and every core peeled from one.</summary>
    private sealed record ExaminedLabel(string Label, bool IsName, string Loose, List<(string Candidate, string LurelessCore)> Candidates, HashSet<string> Spellings);

    /// <summary>The labels examined and the words (lure words and what remains) their tokens are made of.</summary>
    private sealed record ExaminedHost(List<ExaminedLabel> Labels, List<string> Pieces);

    /// <summary>A brand with its comparison keys computed once: keywords, common words, and official domains with the dot dropped.</summary>
    private sealed record BrandIndex(
        ProtectedBrand Brand,
        IReadOnlyList<(string Word, string Skeleton)> Keywords,
        IReadOnlyList<(string Word, string Skeleton)> CommonWords,
        IReadOnlyList<(string Domain, string Key)> DotlessDomains);

    /// <summary>What every check of one brand against one host shares: the lure word in the host, if any, and the names its reasons quote.</summary>
    private sealed record BrandCheck(BrandIndex Brand, string? Lure, string Official, string Registrable);

    private sealed class Findings
    {
        public List<LinkReason> Reasons { get; } = [];

        public string? LookalikeOf { get; private set; }

        /// <summary>Peeling states built and edit distances computed so far: the cost a crafted host could drive up.</summary>
        public int Work { get; set; }

        public void Add(LinkReason reason, ProtectedBrand? brand = null)
        {
            Reasons.Add(reason);
            LookalikeOf ??= brand?.PrimaryDomain;
        }
    }
}
