using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CryptoDigest.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ChatSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Cadence",
                table: "Subscriptions",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "daily");

            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "Subscriptions",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "en");

            migrationBuilder.AddColumn<string>(
                name: "Length",
                table: "Subscriptions",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "standard");

            migrationBuilder.AddColumn<bool>(
                name: "MarketLine",
                table: "Subscriptions",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Topics",
                table: "Subscriptions",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Cadence",
                table: "Subscriptions");

            migrationBuilder.DropColumn(
                name: "Language",
                table: "Subscriptions");

            migrationBuilder.DropColumn(
                name: "Length",
                table: "Subscriptions");

            migrationBuilder.DropColumn(
                name: "MarketLine",
                table: "Subscriptions");

            migrationBuilder.DropColumn(
                name: "Topics",
                table: "Subscriptions");
        }
    }
}
