using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CryptoDigest.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class WebhookUpdatePayload : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Payload",
                table: "ProcessedUpdates",
                type: "text",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProcessedUpdates_Pending",
                table: "ProcessedUpdates",
                column: "ReceivedAt",
                filter: "\"Payload\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ProcessedUpdates_Pending",
                table: "ProcessedUpdates");

            migrationBuilder.DropColumn(
                name: "Payload",
                table: "ProcessedUpdates");
        }
    }
}
