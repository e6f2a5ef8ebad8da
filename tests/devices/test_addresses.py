"""The addresses offered to serve on: this machine's, loopback last."""

from __future__ import annotations

from devices.addresses import LOOPBACK, interfaces, is_local


def test_interfaces_are_this_machines_ipv4_addresses_loopback_last() -> None:
    found = interfaces()
    assert found[-1] == LOOPBACK
    for label, address in found:
        assert label and address.count(".") == 3
        assert is_local(address), address
    assert len({address for _, address in found}) == len(found)


def test_an_address_of_another_machine_is_not_local() -> None:
    assert not is_local("203.0.113.9")  # TEST-NET-3: nobody's
    assert not is_local("not an address")
    assert is_local("127.0.0.1")
