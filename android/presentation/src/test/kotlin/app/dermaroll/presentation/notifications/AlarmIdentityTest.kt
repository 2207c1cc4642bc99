package app.dermaroll.presentation.notifications

import java.net.URI
import kotlin.test.assertEquals
import kotlin.test.assertNull
import org.junit.Test

/** The data URI and request code that name a notification's alarm. */
class AlarmIdentityTest {
    @Test
    fun `the request code is the same number on every run`() {
        assertEquals(-1348444695, notificationRequestCode("SESSION_DUE:profile#1a2b"))
        assertEquals(1547042968, notificationRequestCode("MASK_TIMER:session-7#c0ffee"))
    }

    @Test
    fun `the whole id becomes the URI's path, with nothing left as a fragment`() {
        val id = "SESSION_DUE:profile#1a2b"
        val uri = URI(notificationDataUri(id))
        assertEquals("dermaroll", uri.scheme)
        assertEquals("notification", uri.host)
        assertEquals("/$id", uri.path)
        assertNull(uri.fragment)
        assertNull(uri.query)
    }

    @Test
    fun `characters outside letters, digits and dash dot underscore tilde are percent-encoded`() {
        assertEquals(
            "dermaroll://notification/Gr%C3%BC%C3%9Fe%20a%2Fb%3Fc%25d-e.f_g~h",
            notificationDataUri("Grüße a/b?c%d-e.f_g~h")
        )
    }

    @Test
    fun `ids that look alike get different URIs`() {
        val ids = listOf("a b", "a+b", "a%20b", "a/b", "a#b", "a:b", "ä", "a")
        assertEquals(ids.size, ids.map(::notificationDataUri).toSet().size)
        for (id in ids) {
            assertEquals("/$id", URI(notificationDataUri(id)).path)
        }
    }
}
