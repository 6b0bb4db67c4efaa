using CryptoDigest.Archive;

namespace CryptoDigest.Tests.Archive;

/// <summary>
/// A country a member names loosely ("america", "norway") is held by an issue writing it another way ("the United States",
/// its central bank "Norges Bank").
/// </summary>
public class PlaceNamesTests
{
    [Theory]
    [InlineData("america", "In the United States, miners curtailed for 140 hours.", true)]
    [InlineData("america", "US miners curtailed for 140 hours.", true)]
    [InlineData("usa", "Hashrate in the U.S. rose to 36% of the world's.", true)]
    [InlineData("uk", "British funds saw inflows of US$2.1m.", true)]
    [InlineData("norway", "Norges Bank's 50bp cut caught the rates market off guard.", true)]
    [InlineData("japanese", "The BoJ left its policy rate unchanged.", true)]
    [InlineData("nz", "The Reserve Bank of New Zealand raised its cash rate to 3.75%.", true)]
    [InlineData("norway", "Sweden's Riksbank held its rate at 2.25%.", false)]
    [InlineData("america", "Miners in Paraguay curtailed for 140 hours.", false)]
    [InlineData("america", "Bonds fell as users withdrew their coins.", false)]
    [InlineData("kraken", "In the United States, miners curtailed for 140 hours.", false)]
    public void A_country_is_held_by_an_issue_writing_it_another_way(string typed, string text, bool expected) =>
        Assert.Equal(expected, PlaceNames.IsWrittenIn(typed, text));
}
