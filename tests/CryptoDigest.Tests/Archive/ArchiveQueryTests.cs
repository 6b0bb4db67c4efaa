using CryptoDigest.Archive;

namespace CryptoDigest.Tests.Archive;

public class ArchiveQueryTests
{
    [Fact]
    public void Source_and_days_are_read_from_anywhere_among_the_words()
    {
        var query = ArchiveQuery.Parse("exchange source:glassnode balances days:30", 365, out var error);

        Assert.Null(error);
        Assert.Equal(new ArchiveQuery("exchange balances", "glassnode", 30), query);
    }

    [Fact]
    public void Without_days_the_whole_retention_is_searched_and_source_matches_a_part_of_the_name()
    {
        var query = ArchiveQuery.Parse("etf flows source:the_block", 365, out _)!;

        Assert.Equal(365, query.Days);
        Assert.True(query.MatchesSource("The Block"));
        Assert.False(query.MatchesSource("Glassnode"));
    }

    [Theory]
    [InlineData("days:30", "Give some words")]
    [InlineData("etf days:0", "days: takes a whole number from 1 to 365")]
    [InlineData("etf days:400", "days: takes a whole number from 1 to 365")]
    [InlineData("etf days:-3", "days: takes a whole number from 1 to 365")]
    [InlineData("etf source:", "source: needs a newsletter name")]
    public void Bad_input_is_refused_with_the_reason(string text, string reason)
    {
        var query = ArchiveQuery.Parse(text, 365, out var error);

        Assert.Null(query);
        Assert.StartsWith(reason, error, StringComparison.Ordinal);
    }
}
