using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CryptoDigest.Storage.Migrations.Postgres
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
                type: "integer",
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
