using CryptoDigest.Storage;

namespace CryptoDigest.Briefs;

/// <summary>
/// Everything that makes one chat's brief differ from another's, in stored form, so chats with the same
/// choices share one built reply: a broadcast builds a reply per variant, never per chat, and no variant
/// calls a model (the edition's prose and summaries were written once, when it was composed).
/// </summary>
public sealed record BriefVariant(string SourceFilter, string Topics, string Length, string Cadence, bool Market, string Language)
{
    public static BriefVariant Everything { get; } = new(string.Empty, string.Empty, "standard", "daily", false, BriefLanguages.Default);

    public static BriefVariant Of(ClaimedDelivery delivery) =>
        new(delivery.SourceFilter, delivery.Topics, delivery.Length, delivery.Cadence, delivery.MarketLine, delivery.Language);

    public static BriefVariant Of(Subscription subscription) =>
        new(subscription.SourceFilter, subscription.Topics, subscription.Length, subscription.Cadence, subscription.MarketLine, subscription.Language);

    public BriefSettings Settings => BriefSettings.Read(Language, Topics, Length, Cadence, Market);
}
