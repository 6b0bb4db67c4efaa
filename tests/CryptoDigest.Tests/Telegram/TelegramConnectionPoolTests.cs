using CryptoDigest.Telegram;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoDigest.Tests.Telegram;

public class TelegramConnectionPoolTests
{
    [Theory]
    [InlineData("30", "8", 17)]
    [InlineData("1000", "8", 259)]
    [InlineData("1000", "32", 283)]
    public void The_bot_api_client_keeps_connections_alive_and_caps_them_for_the_configured_rate(string rate, string updates, int expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Telegram:BotToken"] = "123:abc",
            ["Telegram:GlobalMessagesPerSecond"] = rate,
            ["Telegram:MaxConcurrentUpdates"] = updates,
        }).Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddTelegram(configuration).BuildServiceProvider();

        HttpMessageHandler? handler = services.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler("Telegram");
        while (handler is DelegatingHandler delegating)
        {
            handler = delegating.InnerHandler;
        }

        var sockets = Assert.IsType<SocketsHttpHandler>(handler);
        Assert.Equal(expected, sockets.MaxConnectionsPerServer);
        Assert.Equal(TimeSpan.FromMinutes(2), sockets.PooledConnectionLifetime);
    }
}
