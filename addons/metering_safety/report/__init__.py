from . import metering_document_access_log_xlsx
