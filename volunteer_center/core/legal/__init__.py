"""The centre's public legal texts that other layers link to: the child
protection standards (ustawa z 13 maja 2016 r., art. 22b–22c). Each is an
admin-edited text published as numbered versions, so what a volunteer
acknowledged stays readable."""
