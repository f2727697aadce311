"""Helpers shared by the apps' admin tests."""


def check_folded_search(client, login, listing, plain, marked):
    """An admin listing finds the same rows with or without diacritics, in any case, and
    nothing for words it does not hold."""
    login("coordinator")

    def found(query):
        response = client.get(f"/admin/outreach/{listing}/", {"q": query})
        assert response.status_code == 200
        return [row.pk for row in response.context["object_list"]]

    without, with_marks = found(plain), found(marked)
    assert without and without == with_marks
    assert found(marked.upper()) == without
    everything = client.get(f"/admin/outreach/{listing}/").context["object_list"]
    assert len(without) < len(everything) or listing == "distributions"
    assert not found("khong co tu nay zzz")
