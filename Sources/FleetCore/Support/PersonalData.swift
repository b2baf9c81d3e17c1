/// Personal data (owner phone numbers) is shown only where the job needs it; elsewhere masked.
///
///     PersonalData.maskPhone("13812341234")   // "138****1234"
public enum PersonalData {
    public static func maskPhone(_ phone: String) -> String {
        let chars = Array(phone)
        guard chars.count >= 7 else { return String(repeating: "*", count: chars.count) }
        return String(chars.prefix(3)) + String(repeating: "*", count: chars.count - 7) + String(chars.suffix(4))
    }
}
