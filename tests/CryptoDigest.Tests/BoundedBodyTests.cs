namespace CryptoDigest.Tests;

public class BoundedBodyTests
{
    [Fact]
    public async Task A_body_within_the_limit_is_read_whole()
    {
        var bytes = Enumerable.Range(0, 40_000).Select(i => (byte)i).ToArray();

        var read = await BoundedBody.ReadAsync(new MemoryStream(bytes), declaredLength: null, maxBytes: 40_000, CancellationToken.None);

        Assert.Equal(bytes, read);
    }

    [Fact]
    public async Task A_body_larger_than_it_declared_is_refused_while_reading()
    {
        var read = await BoundedBody.ReadAsync(new MemoryStream(new byte[40_001]), declaredLength: 10, maxBytes: 40_000, CancellationToken.None);

        Assert.Null(read);
    }

    [Fact]
    public async Task A_declared_length_over_the_limit_is_refused_before_reading()
    {
        var body = new MemoryStream(new byte[10]);

        var read = await BoundedBody.ReadAsync(body, declaredLength: 40_001, maxBytes: 40_000, CancellationToken.None);

        Assert.Null(read);
        Assert.Equal(0, body.Position);
    }
}
