namespace WeeEvents.Protection;

/// <summary>
/// What a protector needs to protect or reveal one record: its classification, the entity type (or contract URN) its
/// values are bound to, and the subject of a personal field with no <see cref="DataSubjectAttribute"/> field in scope.
/// </summary>
/// <param name="Classification">The record's declared paths.</param>
/// <param name="EntityType">The aggregate type, or the message URN of a contract.</param>
/// <param name="FallbackSubject">The subject when the record names none (the aggregate, encoded).</param>
public sealed record PersonalDataScope(PersonalDataClassification Classification, string EntityType, string FallbackSubject);
