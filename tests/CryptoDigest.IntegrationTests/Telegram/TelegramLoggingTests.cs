using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.Replies;
using CryptoDigest.Telegram;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CryptoDigest.IntegrationTests.Telegram;

/// <summary>The Bot API URLs carry the token (/bot&lt;token&gt;/method); nothing the adapter logs may.</summary>
[Collection(PostgresCollection.Name)]
public class TelegramLoggingTests(PostgresFixture postgres)
{
    [Fact]
    public async Task The_bot_token_never_appears_in_the_logs_even_when_requests_fail()
    {
        await using var host = await TelegramTestHost.StartAsync(postgres, start: false);
        var lines = new ConcurrentQueue<string>();
        host.Services.GetRequiredService<ILoggerFactory>().AddProvider(new CollectingLoggerProvider(lines));
        host.Api.FailNextSend(7600, 429, "Too Many Requests: retry after 1", new JsonObject { ["retry_after"] = 1 });
        host.Api.FailNextSend(7600, 500, "Internal Server Error: restart");
        host.Api.FailNextSend(7600, 400, "Bad Request: can't parse entities: Unsupported start tag \"x\" at byte offset 0");

        var result = await host.Services.GetRequiredService<TelegramSender>().SendAsync(7600, null, ChatReply.Text("gm"), true, CancellationToken.None);

        Assert.Equal(SendOutcome.Sent, result.Outcome);
        Assert.True(lines.Count >= 3);
        var secretPart = BotApiStandIn.Token.Split(':')[1];
        Assert.DoesNotContain(lines, l => l.Contains(secretPart, StringComparison.Ordinal));
    }

    private sealed class CollectingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Collector(categoryName, lines);

        public void Dispose()
        {
        }

        private sealed class Collector(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{category} {formatter(state, exception)} {exception}");
        }
    }
}
