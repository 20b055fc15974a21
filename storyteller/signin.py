"""Sign-in throttling with django-axes: too many wrong passwords pause signing in for a while.

Settings: LOGIN_FAILURE_LIMIT, LOGIN_LOCKOUT_MINUTES and LOGIN_LOCKOUT_BY_IP (README).
An admin unlocks by deleting the access attempts in /admin/axes/accessattempt/, or with
`manage.py axes_reset` (also `axes_reset_username NAME`, `axes_reset_ip ADDRESS`).
"""

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.shortcuts import render


class SignInThrottle(AxesStandaloneBackend):
    """Refuses a sign-in while its username and address (or its address) are locked out.

    Only sign-ins over the web come with a request, and only they are counted: code that
    checks a password itself (the test client's login(), a shell) has no address to
    count, where axes would raise instead.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def locked_out(request, *args):
    """The page axes sends instead of signing in while locked out (AXES_LOCKOUT_CALLABLE)."""
    context = {"minutes": settings.LOGIN_LOCKOUT_MINUTES, "failures": settings.AXES_FAILURE_LIMIT}
    return render(request, "registration/locked_out.html", context, status=429)
