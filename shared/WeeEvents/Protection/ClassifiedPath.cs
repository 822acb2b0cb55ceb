namespace WeeEvents.Protection;

/// <summary>
/// One declared field as a JSON path over a record's serialised (camelCase) form: properties joined by dots, the items
/// of an array as <c>[]</c> (<c>shippingAddress.name</c>, <c>lines[].sku</c>).
/// </summary>
/// <param name="Path">The path.</param>
/// <param name="Class">What the field is.</param>
public sealed record ClassifiedPath(string Path, FieldClass Class);
