using System.Text.Json;
using System.Text.Json.Serialization;
using ClawClip.Core.Budgets;

namespace ClawClip.State;

/// <summary>
/// Writes every <see cref="decimal"/> rounded to <see cref="Money.Places"/> places: the decimals in state files and
/// in <c>--json</c> output are money (costs, spend) or shares of it, and a cost a runtime reported with float noise
/// (<c>0.30000000000000004</c>) is written as <c>0.3</c>. Read as written, then rounded the same way.
/// </summary>
public sealed class MoneyJsonConverter : JsonConverter<decimal>
{
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Money.Round(reader.GetDecimal());

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumberValue(Money.Round(value));
    }
}
