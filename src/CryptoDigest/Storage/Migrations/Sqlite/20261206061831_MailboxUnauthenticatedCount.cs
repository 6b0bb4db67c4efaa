using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CryptoDigest.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MailboxUnauthenticatedCount : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "UnauthenticatedCount",
                table: "MailboxCursors",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "UnauthenticatedCount",
                table: "MailboxCursors");
        }
    }
}
