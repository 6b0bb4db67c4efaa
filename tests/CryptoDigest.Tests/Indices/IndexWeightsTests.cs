using CryptoDigest.Indices;

namespace CryptoDigest.Tests.Indices;

public class IndexWeightsTests
{
    private const double Precision = 1e-12;

    [Fact]
    public void Cap_weights_are_market_cap_over_the_total()
    {
        var weights = IndexWeights.Compute([60, 30, 10], WeightingScheme.Cap);

        AssertWeights([0.6, 0.3, 0.1], weights);
    }

    [Fact]
    public void Equal_weights_are_one_over_n()
    {
        var weights = IndexWeights.Compute([1000, 5, 1, 1], WeightingScheme.Equal);

        AssertWeights([0.25, 0.25, 0.25, 0.25], weights);
    }

    [Fact]
    public void Square_root_weights_are_the_root_over_the_sum_of_roots()
    {
        // sqrt: 3, 2, 1 -> 3/6, 2/6, 1/6.
        var weights = IndexWeights.Compute([9, 4, 1], WeightingScheme.Sqrt);

        AssertWeights([0.5, 2.0 / 6, 1.0 / 6], weights);
    }

    [Fact]
    public void A_cap_fixes_the_large_name_and_rescales_the_rest_pro_rata()
    {
        // 0.7 > 0.4 is fixed; 0.6 left for 20 and 10: 0.4 and 0.2.
        var weights = IndexWeights.Compute([70, 20, 10], Capped(40));

        AssertWeights([0.4, 0.4, 0.2], weights);
    }

    [Fact]
    public void The_cap_loop_repeats_when_rescaling_pushes_another_name_over()
    {
        // Pass 1: 0.6 is fixed at 0.25. Pass 2: 0.75 over caps 20, 10, 5, 5 gives 20 0.375, fixed too.
        // Pass 3: 0.5 over 10, 5, 5 gives 0.25, 0.125, 0.125: none above.
        var weights = IndexWeights.Compute([60, 20, 10, 5, 5], Capped(25));

        AssertWeights([0.25, 0.25, 0.25, 0.125, 0.125], weights);
        Assert.Equal(1.0, weights.Sum(), Precision);
    }

    [Fact]
    public void A_cap_that_exactly_fits_gives_every_name_the_cap()
    {
        var weights = IndexWeights.Compute([100, 10, 2, 1], Capped(25));

        AssertWeights([0.25, 0.25, 0.25, 0.25], weights);
    }

    [Fact]
    public void A_cap_below_one_over_n_is_an_error_naming_the_numbers()
    {
        var error = Assert.Throws<IndexInputException>(() => IndexWeights.Compute([50, 30, 20], Capped(30)));

        Assert.Contains("3 x 30 % is below 100 %", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cap", "cap")]
    [InlineData("EQUAL", "equal")]
    [InlineData("sqrt", "sqrt")]
    [InlineData("capped:25", "capped:25")]
    [InlineData("capped:12.5%", "capped:12.5")]
    public void Schemes_parse_and_print_back(string text, string printed)
    {
        Assert.True(WeightingScheme.TryParse(text, out var scheme, out _));
        Assert.Equal(printed, scheme.ToString());
    }

    [Theory]
    [InlineData("capped:0")]
    [InlineData("capped:101")]
    [InlineData("capped:x")]
    [InlineData("market")]
    public void Unknown_schemes_and_caps_out_of_range_are_refused_with_a_reason(string text)
    {
        Assert.False(WeightingScheme.TryParse(text, out _, out var error));
        Assert.Contains(text, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Concentration_reports_the_largest_weight_hhi_and_effective_number()
    {
        var concentration = Concentration.Of([0.5, 0.3, 0.2]);

        Assert.Equal(0.5, concentration.LargestWeight, Precision);
        Assert.Equal(0.38, concentration.Hhi, Precision);
        Assert.Equal(1 / 0.38, concentration.EffectiveN, Precision);
    }

    [Fact]
    public void Equal_weights_have_an_effective_number_of_n()
    {
        var concentration = Concentration.Of(IndexWeights.Compute([5, 4, 3, 2, 1], WeightingScheme.Equal));

        Assert.Equal(5, concentration.EffectiveN, Precision);
    }

    private static WeightingScheme Capped(double percent) => new(WeightingKind.Capped, percent);

    private static void AssertWeights(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], Precision);
        }
    }
}
