namespace ClawClip.State.Tests.Schemas;

public sealed class MiniJsonSchemaValidatorTests
{
    [Theory]
    [InlineData("\"text\"")]
    [InlineData("null")]
    public void Validate_WhenTypeIsAListAndTheValueIsOneOfThem_Passes(string instance)
    {
        var validator = MiniJsonSchemaValidator.Parse("""{ "type": ["string", "null"] }""");

        Assert.Empty(validator.Validate(instance));
    }

    [Theory]
    [InlineData("3")]
    [InlineData("true")]
    [InlineData("{}")]
    public void Validate_WhenTypeIsAListAndTheValueIsNoneOfThem_Fails(string instance)
    {
        var validator = MiniJsonSchemaValidator.Parse("""{ "type": ["string", "null"] }""");

        Assert.Single(validator.Validate(instance));
    }

    [Theory]
    [InlineData("2", true)]
    [InlineData("2.0", true)]
    [InlineData("2.5", false)]
    [InlineData("\"2\"", false)]
    public void Validate_Integer_AcceptsWholeNumbersOnly(string instance, bool valid)
    {
        var validator = MiniJsonSchemaValidator.Parse("""{ "type": "integer" }""");

        Assert.Equal(valid, validator.Validate(instance).Count == 0);
    }

    [Theory]
    [InlineData("-1", false)]
    [InlineData("0", true)]
    [InlineData("100", true)]
    [InlineData("101", false)]
    public void Validate_MinimumAndMaximum_AreInclusive(string instance, bool valid)
    {
        var validator = MiniJsonSchemaValidator.Parse("""{ "type": "integer", "minimum": 0, "maximum": 100 }""");

        Assert.Equal(valid, validator.Validate(instance).Count == 0);
    }

    [Fact]
    public void Validate_WhenAPropertyIsNotDeclared_NamesIt()
    {
        var validator = MiniJsonSchemaValidator.Parse("""{ "type": "object", "properties": { "a": {} }, "additionalProperties": false }""");

        var error = Assert.Single(validator.Validate("""{ "a": 1, "colour": "blue" }"""));

        Assert.Contains("\"colour\"", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WhenARequiredPropertyIsMissing_NamesIt()
    {
        var validator = MiniJsonSchemaValidator.Parse("""{ "type": "object", "required": ["a", "b"] }""");

        var error = Assert.Single(validator.Validate("""{ "a": 1 }"""));

        Assert.Contains("\"b\"", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WhenANestedValueIsWrong_SaysWhere()
    {
        var validator = MiniJsonSchemaValidator.Parse(
            """{ "properties": { "history": { "items": { "properties": { "to": { "enum": ["backlog"] } } } } } }""");

        var error = Assert.Single(validator.Validate("""{ "history": [ { "to": "backlog" }, { "to": "finished" } ] }"""));

        Assert.StartsWith("$.history[1].to:", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("2", false)]
    [InlineData("\"1\"", false)]
    public void Validate_Const_ComparesJsonValues(string instance, bool valid)
    {
        var validator = MiniJsonSchemaValidator.Parse("""{ "const": 1 }""");

        Assert.Equal(valid, validator.Validate(instance).Count == 0);
    }

    [Theory]
    [InlineData("\"dev-1\"", true)]
    [InlineData("\"Dev-1\"", false)]
    [InlineData("\"dev-1\\n\"", false)]
    [InlineData("\"x/dev-1\"", false)]
    public void Validate_Pattern_IsAnchoredAsInEcmaScript(string instance, bool valid)
    {
        var validator = MiniJsonSchemaValidator.Parse("""{ "type": "string", "pattern": "^[a-z][a-z0-9_-]{0,63}$" }""");

        Assert.Equal(valid, validator.Validate(instance).Count == 0);
    }

    [Theory]
    [InlineData("^a$", @"^a\z")]
    [InlineData(@"^\$[$]$", @"^\$[$]\z")]
    public void ToDotNet_TurnsOnlyTheEndAnchorIntoEndOfText(string pattern, string expected)
    {
        Assert.Equal(expected, MiniJsonSchemaValidator.ToDotNet(pattern));
    }

    [Theory]
    [InlineData("\"2026-03-14T09:26:53.5890000+00:00\"", true)]
    [InlineData("\"2026-03-14T09:26:53Z\"", true)]
    [InlineData("\"2026-03-14 09:26:53Z\"", false)]
    [InlineData("\"2026-02-30T09:26:53Z\"", false)]
    [InlineData("\"yesterday\"", false)]
    public void Validate_DateTime_FollowsRfc3339(string instance, bool valid)
    {
        var validator = MiniJsonSchemaValidator.Parse("""{ "type": "string", "format": "date-time" }""");

        Assert.Equal(valid, validator.Validate(instance).Count == 0);
    }

    [Theory]
    [InlineData("\"T-0007\"", true)]
    [InlineData("null", true)]
    [InlineData("\"T-7\"", false)]
    public void Validate_AnyOfWithARef_PassesWhenOneShapeMatches(string instance, bool valid)
    {
        var validator = MiniJsonSchemaValidator.Parse(
            """
            {
              "anyOf": [ { "$ref": "#/$defs/task_id" }, { "type": "null" } ],
              "$defs": { "task_id": { "type": "string", "pattern": "^T-[0-9]{4,}$" } }
            }
            """);

        Assert.Equal(valid, validator.Validate(instance).Count == 0);
    }

    [Fact]
    public void Validate_Items_ChecksEveryItem()
    {
        var validator = MiniJsonSchemaValidator.Parse("""{ "type": "array", "minItems": 1, "items": { "type": "string" } }""");

        Assert.Single(validator.Validate("""["a", 2, "c"]"""));
        Assert.Single(validator.Validate("[]"));
    }

    [Theory]
    [InlineData("\"ab\"", true)]
    [InlineData("\"abc\"", false)]
    [InlineData("\"é😀\"", true)]
    public void Validate_MaxLength_CountsCharactersNotUtf16Units(string instance, bool valid)
    {
        var validator = MiniJsonSchemaValidator.Parse("""{ "type": "string", "maxLength": 2 }""");

        Assert.Equal(valid, validator.Validate(instance).Count == 0);
    }

    [Theory]
    [InlineData("""{ "oneOf": [] }""")]
    [InlineData("""{ "format": "email" }""")]
    [InlineData("""{ "additionalProperties": { "type": "string" } }""")]
    [InlineData("""{ "$ref": "other.schema.json#/$defs/x" }""")]
    public void Validate_WhenTheSchemaUsesSomethingUnsupported_Throws(string schema)
    {
        var validator = MiniJsonSchemaValidator.Parse(schema);

        Assert.Throws<NotSupportedException>(() => validator.Validate("""{ "a": "x" }"""));
    }
}
