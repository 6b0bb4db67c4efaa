namespace CryptoDigest.Orchestration;

/// <summary>
/// A number as a text writes it, read for comparison by value (<see cref="WrittenNumbers"/>): "$1.2bn" is 1.2 scaled
/// to 1,200,000,000, "forty percent" is 40. <paramref name="Scaled"/> says a scale word or abbreviation followed it;
/// <paramref name="Prose"/> marks a lone small number word ("one of them", "two sides"), which is counted as held
/// when a passage writes it but not checked when an answer does.
/// </summary>
public sealed record WrittenNumber(decimal Mantissa, decimal Value, bool Scaled, bool Prose);
