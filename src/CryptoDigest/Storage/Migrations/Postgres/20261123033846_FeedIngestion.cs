using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CryptoDigest.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FeedIngestion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ConfiguredFeedUrl",
                table: "Sources",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LastStatus",
                table: "Sources",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsSample",
                table: "Articles",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ConfiguredFeedUrl",
                table: "Sources");

            migrationBuilder.DropColumn(
                name: "LastStatus",
                table: "Sources");

            migrationBuilder.DropColumn(
                name: "IsSample",
                table: "Articles");
        }
    }
}
