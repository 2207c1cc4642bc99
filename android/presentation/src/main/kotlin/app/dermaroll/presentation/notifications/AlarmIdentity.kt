package app.dermaroll.presentation.notifications

/** The scheme and host of the Intent data URI that names a notification's alarm. */
public const val NOTIFICATION_URI_PREFIX: String = "dermaroll://notification/"

/**
 * The Intent data URI of the alarm for [notificationId]: [NOTIFICATION_URI_PREFIX] and the
 * id, percent-encoded (UTF-8; everything but letters, digits and `-._~`). Android tells
 * PendingIntents apart by their Intent's data, so rebuilding this URI finds the alarm
 * again to cancel it (`FLAG_NO_CREATE`), after a restart too. An id's `#` and `:` are
 * encoded, so the whole id is the URI's path and two ids never share a URI.
 *
 * @param notificationId the core's notification id (`kind:source#hash`), not blank.
 * @throws IllegalArgumentException if [notificationId] is blank.
 */
public fun notificationDataUri(notificationId: String): String {
    require(notificationId.isNotBlank()) { "a notification id must not be blank" }
    val encoded = StringBuilder(NOTIFICATION_URI_PREFIX)
    for (byte in notificationId.toByteArray(Charsets.UTF_8)) {
        val code = byte.toInt() and 0xFF
        val char = code.toChar()
        if (char in 'A'..'Z' || char in 'a'..'z' || char in '0'..'9' || char in "-._~") {
            encoded.append(char)
        } else {
            encoded.append('%').append(HEX[code shr 4]).append(HEX[code and 0x0F])
        }
    }
    return encoded.toString()
}

/**
 * The PendingIntent request code for [notificationId]: the same number for the same id on
 * every run and device (`String.hashCode`, which the Java language fixes). It only has to
 * be stable; the data URI ([notificationDataUri]) is what makes each alarm distinct.
 *
 * @param notificationId the core's notification id.
 */
public fun notificationRequestCode(notificationId: String): Int = notificationId.hashCode()

private const val HEX = "0123456789ABCDEF"
