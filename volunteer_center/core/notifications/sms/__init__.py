"""The text-message channel: SMSAPI.pl's HTTP API (``POST /sms.do`` with a
Bearer token, ``format=json``). Off unless ``SMS_API_TOKEN`` is set; writes
only to people whose consent to text messages is recorded."""
