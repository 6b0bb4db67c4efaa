using CryptoDigest.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Security.LinkCheck;

public static class LinkCheckServiceCollectionExtensions
{
    /// <summary>
    /// Registers the link check: <see cref="LinkCheckOptions"/> (section "LinkCheck", validated at start),
    /// the bundled Public Suffix List and confusables data, the known-bad lists, the offline
    /// <see cref="LinkChecker"/>, group scanning and the refresh job (/security itself is a chat command, Chat/Commands).
    /// Scanning and the refresh need storage (AddStorage) and feeds (AddFeeds).
    /// </summary>
    public static IServiceCollection AddLinkCheck(this IServiceCollection services)
    {
        services.AddOptions<LinkCheckOptions>().BindConfiguration(LinkCheckOptions.SectionName).ValidateSettings();
        services.AddSingleton(sp =>
        {
            var path = sp.GetRequiredService<IOptions<LinkCheckOptions>>().Value.PublicSuffixListPath;
            if (path.Length == 0)
            {
                return PublicSuffixList.LoadEmbedded();
            }

            using var reader = File.OpenText(path);
            return PublicSuffixList.Parse(reader);
        });
        services.AddSingleton(_ => ConfusableSkeletons.LoadEmbedded());
        services.AddSingleton<PhishingListStore>();
        services.AddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<IOptions<LinkCheckOptions>>().Value;
            var store = sp.GetRequiredService<PhishingListStore>();
            return new LinkChecker(
                Brands(settings),
                sp.GetRequiredService<PublicSuffixList>(),
                sp.GetRequiredService<ConfusableSkeletons>(),
                () => store.Current,
                settings.AllowedDomains,
                sp.GetService<BotMetrics>());
        });
        services.AddSingleton<LinkFinder>();
        services.AddSingleton<LinkScanStore>();
        services.AddSingleton<LinkScanner>();
        services.AddTransient<RefreshPhishingListJob>();
        return services;
    }

    /// <summary>The default brands (unless turned off) and the configured ones; a configured brand without keywords takes its domains' names.</summary>
    internal static IEnumerable<ProtectedBrand> Brands(LinkCheckOptions settings)
    {
        var configured = settings.ProtectedBrands.Select(b =>
        {
            var domains = b.Domains.Select(d => d.Trim().Trim('.').ToLowerInvariant()).ToList();
            var keywords = b.Keywords.Count > 0
                ? b.Keywords.Select(k => k.ToLowerInvariant()).ToList()
                : domains.Select(d => d.Split('.')[0]).Distinct().ToList();
            return new ProtectedBrand(b.Name, domains, keywords, b.CommonWords.Select(k => k.ToLowerInvariant()).ToList());
        });
        return (settings.UseDefaultProtectedBrands ? ProtectedBrand.Defaults : []).Concat(configured).ToList();
    }
}
