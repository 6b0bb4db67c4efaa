using Microsoft.EntityFrameworkCore;

namespace CryptoDigest.Storage;

/// <summary>
/// The bot's database. Two providers share this model: PostgreSQL in production and SQLite as
/// the embedded default; each has its own migrations (see the derived contexts), because the
/// SQL they generate differs.
/// </summary>
public abstract class DigestDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<NewsletterSource> Sources => Set<NewsletterSource>();
    public DbSet<Article> Articles => Set<Article>();
    public DbSet<ArticleSummary> Summaries => Set<ArticleSummary>();
    public DbSet<BriefEdition> Editions => Set<BriefEdition>();
    public DbSet<Subscription> Subscriptions => Set<Subscription>();
    public DbSet<Delivery> Deliveries => Set<Delivery>();
    public DbSet<ModelUsage> ModelUsage => Set<ModelUsage>();
    public DbSet<ProcessedUpdate> ProcessedUpdates => Set<ProcessedUpdate>();
    public DbSet<MailboxCursor> MailboxCursors => Set<MailboxCursor>();
    public DbSet<LinkScanSetting> LinkScanSettings => Set<LinkScanSetting>();
    public DbSet<MarketCacheEntry> MarketCache => Set<MarketCacheEntry>();
    public DbSet<ArchivePassage> ArchivePassages => Set<ArchivePassage>();
    public DbSet<JobOutcome> JobOutcomes => Set<JobOutcome>();
    public DbSet<OperatorAlert> OperatorAlerts => Set<OperatorAlert>();
    public DbSet<FeedbackAnswer> FeedbackAnswers => Set<FeedbackAnswer>();
    public DbSet<FeedbackVote> FeedbackVotes => Set<FeedbackVote>();
    public DbSet<FeedbackSecret> FeedbackSecrets => Set<FeedbackSecret>();
    public DbSet<StoredEmbedding> StoredEmbeddings => Set<StoredEmbedding>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ConfigureNewsletters(modelBuilder);
        ConfigureBriefs(modelBuilder);
        ConfigureBookkeeping(modelBuilder);
        ConfigureFeedback(modelBuilder);
    }

    // Members' votes on briefs and answers, the answers they rate, and the key their ids are hashed with.
    private static void ConfigureFeedback(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<FeedbackAnswer>(e =>
        {
            e.HasIndex(a => a.CreatedAt);
            e.Property(a => a.Platform).HasMaxLength(20);
            e.Property(a => a.ChatId).HasMaxLength(100);
            e.Property(a => a.Model).HasMaxLength(200);
            e.Property(a => a.PromptVersion).HasMaxLength(64);
            e.Property(a => a.Language).HasMaxLength(16);
        });

        modelBuilder.Entity<FeedbackVote>(e =>
        {
            // One vote per member per brief or answer in a chat: a second press changes it.
            e.HasIndex(v => new { v.TargetKind, v.TargetId, v.Platform, v.ChatId, v.MemberHash }).IsUnique();
            e.HasIndex(v => v.ChangedAt);
            e.Property(v => v.TargetKind).HasMaxLength(10);
            e.Property(v => v.Platform).HasMaxLength(20);
            e.Property(v => v.ChatId).HasMaxLength(100);
            e.Property(v => v.MemberHash).HasMaxLength(64);
            e.Property(v => v.Vote).HasMaxLength(10);
            e.Property(v => v.Reason).HasMaxLength(20);
            e.Property(v => v.Model).HasMaxLength(200);
            e.Property(v => v.PromptVersion).HasMaxLength(64);
            e.Property(v => v.Language).HasMaxLength(16);
        });

        modelBuilder.Entity<FeedbackSecret>(e =>
        {
            e.HasIndex(s => s.Name).IsUnique();
            e.Property(s => s.Name).HasMaxLength(100);
            e.Property(s => s.Value).HasMaxLength(200);
        });
    }

    // The newsletters and what is made of them: sources, the mailbox cursor, articles, summaries, archive passages.
    private static void ConfigureNewsletters(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<NewsletterSource>(e =>
        {
            e.HasIndex(s => s.Name).IsUnique();
            e.Property(s => s.Name).HasMaxLength(200);
            e.Property(s => s.LastError).HasMaxLength(1000);
            e.Property(s => s.LastStatus).HasMaxLength(200);
            e.Property(s => s.LastEmailStatus).HasMaxLength(300);
            e.Property(s => s.AddedBy).HasMaxLength(100);
        });

        modelBuilder.Entity<MailboxCursor>(e =>
        {
            e.HasIndex(m => m.Mailbox).IsUnique();
            e.Property(m => m.Mailbox).HasMaxLength(500);
            e.Property(m => m.ClaimsFingerprint).HasMaxLength(64);
            e.Property(m => m.LastError).HasMaxLength(1000);
        });

        modelBuilder.Entity<Article>(e =>
        {
            e.HasIndex(a => new { a.SourceId, a.Guid }).IsUnique();
            e.HasIndex(a => a.ContentHash);
            e.HasIndex(a => a.FetchedAt);
            e.Property(a => a.Guid).HasMaxLength(2000);
            e.Property(a => a.ContentHash).HasMaxLength(64);
            e.HasOne(a => a.Source).WithMany().HasForeignKey(a => a.SourceId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ArticleSummary>(e =>
        {
            e.HasIndex(s => new { s.ArticleId, s.PromptVersion, s.Model, s.ContentHash }).IsUnique();
            e.Property(s => s.PromptVersion).HasMaxLength(64);
            e.Property(s => s.Model).HasMaxLength(200);
            e.Property(s => s.ContentHash).HasMaxLength(64);
            e.HasOne(s => s.Article).WithMany().HasForeignKey(s => s.ArticleId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ArchivePassage>(e =>
        {
            e.HasIndex(p => new { p.ArticleId, p.Ordinal });
            e.HasIndex(p => p.TextHash);
            e.Property(p => p.TextHash).HasMaxLength(64);
            e.Property(p => p.ArticleContentHash).HasMaxLength(64);
            e.Property(p => p.EmbeddingModel).HasMaxLength(200);
            e.HasOne(p => p.Article).WithMany().HasForeignKey(p => p.ArticleId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<StoredEmbedding>(e =>
        {
            e.HasKey(v => v.Key);
            e.Property(v => v.Key).HasMaxLength(300);
        });
    }

    // The daily brief: editions, subscriptions and their deliveries.
    private static void ConfigureBriefs(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<BriefEdition>(e =>
        {
            // One edition per window start: two composers racing for the same window collide here.
            e.HasIndex(b => b.WindowStart).IsUnique();
            e.HasIndex(b => b.WindowEnd);
        });

        modelBuilder.Entity<Subscription>(e =>
        {
            e.HasIndex(s => new { s.Platform, s.ChatId, s.ThreadId }).IsUnique();
            e.Property(s => s.Platform).HasMaxLength(20);
            e.Property(s => s.ChatId).HasMaxLength(100);
            e.Property(s => s.ThreadId).HasMaxLength(100);
            e.Property(s => s.TimeZone).HasMaxLength(100);
            // Existing subscriptions keep today's brief: English, everything, standard length, daily.
            e.Property(s => s.Language).HasMaxLength(16).HasDefaultValue("en");
            e.Property(s => s.Topics).HasMaxLength(1000).HasDefaultValue(string.Empty);
            e.Property(s => s.Length).HasMaxLength(16).HasDefaultValue("standard");
            e.Property(s => s.Cadence).HasMaxLength(16).HasDefaultValue("daily");
        });

        modelBuilder.Entity<Delivery>(e =>
        {
            // The exactly-once key: one brief per subscription per local date.
            e.HasIndex(d => new { d.SubscriptionId, d.LocalDate }).IsUnique();
            e.HasIndex(d => new { d.Status, d.LeaseUntil });
            e.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(d => d.ClaimedBy).HasMaxLength(200);
            e.Property(d => d.LastError).HasMaxLength(1000);
            e.Property(d => d.Reason).HasConversion<string>().HasMaxLength(30);
            e.HasOne(d => d.Subscription).WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(d => d.Edition).WithMany().HasForeignKey(d => d.EditionId).OnDelete(DeleteBehavior.SetNull);
        });
    }

    // What the bot keeps about its own work: updates taken, model usage, the market cache, link-scan settings, job outcomes and operator alerts.
    private static void ConfigureBookkeeping(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ProcessedUpdate>(e =>
        {
            e.HasIndex(u => new { u.Platform, u.UpdateId }).IsUnique();
            e.HasIndex(u => u.ReceivedAt);
            // Only the updates not yet answered: the recovery pass's query reads this small index and nothing else.
            e.HasIndex(u => u.ReceivedAt, "IX_ProcessedUpdates_Pending").HasFilter("\"Payload\" IS NOT NULL");
            e.Property(u => u.Platform).HasMaxLength(20);
        });

        modelBuilder.Entity<ModelUsage>(e =>
        {
            e.HasIndex(u => u.Day);
            e.Property(u => u.Model).HasMaxLength(200);
        });

        modelBuilder.Entity<MarketCacheEntry>(e =>
        {
            e.HasIndex(m => m.Key).IsUnique();
            e.Property(m => m.Key).HasMaxLength(300);
        });

        modelBuilder.Entity<LinkScanSetting>(e =>
        {
            e.HasIndex(s => new { s.Platform, s.ChatId }).IsUnique();
            e.Property(s => s.Platform).HasMaxLength(20);
            e.Property(s => s.ChatId).HasMaxLength(100);
        });

        modelBuilder.Entity<JobOutcome>(e =>
        {
            e.HasIndex(j => j.Name).IsUnique();
            e.Property(j => j.Name).HasMaxLength(100);
            e.Property(j => j.LastError).HasMaxLength(1000);
        });

        modelBuilder.Entity<OperatorAlert>(e =>
        {
            e.HasIndex(a => a.Condition).IsUnique();
            e.Property(a => a.Condition).HasMaxLength(300);
            e.Property(a => a.Title).HasMaxLength(400);
        });
    }
}
