from acme.testutils.cases import APITestCase
from acme.testutils.silo import control_silo_test


@control_silo_test
class BroadcastDetailsTest(APITestCase):
    endpoint = "acme-api-0-broadcast-details"

    def setUp(self) -> None:
        super().setUp()
        self.login_as(self.user)
        self.broadcast = self.create_broadcast()

    def test_get(self) -> None:
        self.get_success_response(self.broadcast.id, status_code=200)

    def test_missing_broadcast_is_404(self) -> None:
        self.get_error_response("0", status_code=404)
