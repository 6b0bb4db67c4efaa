using CryptoDigest.Security.LinkCheck;

namespace CryptoDigest.Tests.Security.LinkCheck;

/// <summary>One checker over the bundled data and the default brands, with no known-bad list.</summary>
internal static class LinkCheckFixture
{
    public static PublicSuffixList Suffixes { get; } = PublicSuffixList.LoadEmbedded();

    public static ConfusableSkeletons Skeletons { get; } = ConfusableSkeletons.LoadEmbedded();

    public static LinkChecker Checker { get; } = Create(PhishingLists.Empty);

    public static LinkChecker Create(PhishingLists lists, params string[] allowed) =>
        new(ProtectedBrand.Defaults, Suffixes, Skeletons, () => lists, allowed);
}
