namespace WeeEvents.Protection;

/// <summary>
/// Marks a string property as personal data of a data subject (see <see cref="DataSubjectAttribute"/>). The same mark
/// serves events and contracts: the store writes the value encrypted under the subject's data key, a published contract
/// carries it encrypted, and whoever reads it back after the subject was forgotten sees <see cref="Erased.Text"/>.
/// On a positional record, target the property: <c>[property: PersonalData] string Name</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = true)]
public sealed class PersonalDataAttribute : Attribute;
